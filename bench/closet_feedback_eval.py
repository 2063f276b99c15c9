"""The effect of closet feedback (LIKED / PICKED) as extra LightGCN training edges, on a
simulated feedback set (`closet train --feedback`).

The real snap outfits are split (seeded) into training outfits, a feedback source and test
outfits. Each feedback-source outfit stands for one simulated person who likes or picks its
pieces (each kept with probability --keep; with probability --noise a random piece of another
category is liked too): those groups are exactly what `cypher/gnn/export_feedback.cypher`
returns per person. LightGCN (the `gnn` training code, same config) is trained on the training
outfits alone, with the feedback groups, and with as many *random* groups (a control: more
edges without signal); fill-in-the-blank accuracy and MRR (10 candidates, negatives from other
test outfits) are reported on the test outfits.

    python bench/closet_feedback_eval.py --epochs 60
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import shared_data_dir
from gnn.closet_train import CLOSET_DEFAULTS, fitb_metrics, fitb_questions, train_closet
from gnn.evaluation.protocol import exported, read_snap
from gnn.export import GraphExport


def simulate(
    outfits: list, category: dict[str, str | None], keep: float, noise: float, seed: int
) -> list[list[str]]:
    """One feedback group per outfit: its pieces kept with probability `keep`, plus sometimes
    a random piece of another category (noise)."""
    rng = random.Random(seed)
    pool: dict[str, list[str]] = {}
    for item, cat in category.items():
        if cat:
            pool.setdefault(cat, []).append(item)
    groups = []
    for outfit in outfits:
        group = [i for i in outfit.items if rng.random() < keep]
        if rng.random() < noise and group:
            cats = [c for c in pool if c not in {category.get(i) for i in group}]
            if cats:
                group.append(rng.choice(pool[rng.choice(sorted(cats))]))
        if len(group) >= 2:
            groups.append(group)
    return groups


def random_groups(groups: list[list[str]], category: dict[str, str | None], seed: int) -> list:
    """As many groups of the same sizes, of random items of distinct categories."""
    rng = random.Random(seed)
    pool: dict[str, list[str]] = {}
    for item, cat in category.items():
        if cat:
            pool.setdefault(cat, []).append(item)
    cats = sorted(pool)
    out = []
    for group in groups:
        chosen = rng.sample(cats, min(len(group), len(cats)))
        out.append([rng.choice(pool[c]) for c in chosen])
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=shared_data_dir() / "musinsa-snap-2025")
    p.add_argument("--variant", default="content")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--feedback-share", type=float, default=0.2)
    p.add_argument("--test-share", type=float, default=0.2)
    p.add_argument("--keep", type=float, default=0.8)
    p.add_argument("--noise", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)

    files = [args.data / "men.json", args.data / "women.json"]
    if not all(f.is_file() for f in files):
        print(f"snap data not found in {args.data} (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    full = exported(read_snap(files))
    category = {it.id: it.category for it in full.items}
    order = sorted(full.outfits, key=lambda o: o.id)
    random.Random(args.seed).shuffle(order)
    n_test = int(len(order) * args.test_share)
    n_fb = int(len(order) * args.feedback_share)
    test, source, train = order[:n_test], order[n_test : n_test + n_fb], order[n_test + n_fb :]
    groups = simulate(source, category, args.keep, args.noise, args.seed)
    control = random_groups(groups, category, args.seed + 1)
    questions = fitb_questions(test, category, 10, args.seed)
    print(
        f"{len(train)} training outfits, {len(groups)} simulated feedback groups "
        f"(from {len(source)} outfits), {len(questions)} FITB questions on {len(test)} outfits"
    )
    config = replace(CLOSET_DEFAULTS, epochs=args.epochs, seed=args.seed)
    rows = []
    for name, fb in (("no feedback", []), ("with feedback", groups), ("random groups", control)):
        t0 = time.perf_counter()
        export = GraphExport(full.items, train, fb)
        result = train_closet(export, args.variant, config, progress=False)
        metrics = fitb_metrics(result.scorer, questions)
        rows.append(
            {"run": name, "groups": len(fb), **metrics, "seconds": time.perf_counter() - t0}
        )
        print(
            f"  {name:<14} FITB acc {metrics['val_acc']:.4f}  MRR {metrics['val_mrr']:.4f}  "
            f"({rows[-1]['seconds']:.0f}s, best epoch {result.best_epoch})",
            flush=True,
        )
    base = rows[0]
    print(f"\n{'run':<15}{'groups':>8}{'FITB acc':>10}{'MRR':>8}{'Δ acc':>8}{'Δ MRR':>8}")
    for r in rows:
        print(
            f"{r['run']:<15}{r['groups']:>8}{r['val_acc']:>10.4f}{r['val_mrr']:>8.4f}"
            f"{r['val_acc'] - base['val_acc']:>+8.4f}{r['val_mrr'] - base['val_mrr']:>+8.4f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
