"""Colour-family accuracy and throughput of the image pipeline on the generated labelled set.

Compares colorgram on the whole image, with the model-free fallback mask, and with rembg u2netp
(needs `closet models fetch`). Prints accuracy overall, per background and per garment kind, and
images per second (one process, one onnxruntime thread, so figures compare like for like), and
writes the figures to bench/enrich_colors_results.json.

    python bench/enrich_colors.py               # 340 images (20 per colour family)
    python bench/enrich_colors.py --count 100 --methods whole,fallback
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from tqdm import tqdm

from core.vocabulary import COLOR_FAMILIES
from enrich.image import FallbackMasker, RembgMasker, WholeImage, image_color
from enrich.models import u2netp_ready
from enrich.synthetic import generate

RESULTS = Path(__file__).resolve().parent / "enrich_colors_results.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20 * len(COLOR_FAMILIES))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--methods", default="whole,fallback,rembg")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    samples = list(tqdm(generate(args.count, seed=args.seed), total=args.count, desc="generate"))
    maskers = []
    for name in args.methods.split(","):
        if name == "whole":
            maskers.append(WholeImage())
        elif name == "fallback":
            maskers.append(FallbackMasker())
        elif name == "rembg":
            if not u2netp_ready():
                print("rembg skipped: u2netp model missing (run `closet models fetch`)")
                continue
            maskers.append(RembgMasker(threads=1))
    results: dict[str, dict] = {}
    for masker in maskers:
        if masker.name == "rembg":
            image_color(samples[0].image, masker)  # load the session outside the timing
        correct = 0
        per_background: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        per_multi: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        confusions: Counter[str] = Counter()
        start = time.perf_counter()
        for sample in tqdm(samples, desc=masker.name):
            found = image_color(sample.image, masker)
            hit = int(found.family == sample.family)
            correct += hit
            for table, key in (
                (per_background, sample.background),
                (per_kind, sample.kind),
                (per_multi, "multi" if sample.second else "single"),
            ):
                table[key][0] += hit
                table[key][1] += 1
            if not hit:
                confusions[f"{sample.family}->{found.family}"] += 1
        seconds = time.perf_counter() - start
        results[masker.name] = {
            "accuracy": round(correct / len(samples), 4),
            "images_per_second": round(len(samples) / seconds, 2),
            "per_background": {k: round(v[0] / v[1], 4) for k, v in per_background.items()},
            "per_kind": {k: round(v[0] / v[1], 4) for k, v in per_kind.items()},
            "per_multicolour": {k: round(v[0] / v[1], 4) for k, v in per_multi.items()},
            "top_confusions": dict(confusions.most_common(8)),
        }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    report = {
        "images": len(samples),
        "seed": args.seed,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": load,
        "methods": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    base = results.get("whole", {}).get("images_per_second")
    print(f"\n{len(samples)} generated images, seed {args.seed}")
    print(f"{'method':<10} {'accuracy':>9} {'img/s':>8} {'vs whole':>9}  per background")
    for name, row in results.items():
        ratio = f"{row['images_per_second'] / base:.2f}x" if base else "-"
        backgrounds = ", ".join(f"{k} {v:.0%}" for k, v in row["per_background"].items())
        print(
            f"{name:<10} {row['accuracy']:>9.1%} {row['images_per_second']:>8.2f} "
            f"{ratio:>9}  {backgrounds}"
        )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
