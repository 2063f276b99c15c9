"""Does knowing the occasion help? FITB when each question carries its held-out outfit's own
style and season, against FITB without them, on the same questions and tie-breaks.

The served ranker's calibrated probabilities are updated exactly as serving does
(graph.recommend.occasion: each candidate's lift from the *training* outfits, applied as odds);
the gain is the paired difference per question, with a 95% bootstrap interval resampled by
outfit (gnn.evaluation.bootstrap). `closet eval occasion` and `bench/eval_occasion.py` run it.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.vocabulary import outfit_labels
from gnn.closet_train import CLOSET_DEFAULTS
from gnn.evaluation.bootstrap import bootstrap_interval, grouped
from gnn.evaluation.protocol import make_split, read_snap
from gnn.evaluation.runner import EvalGraph, read_lines
from gnn.export import ExportedOutfit
from gnn.train import TrainConfig
from graph.recommend.occasion import Affinity, Labels, Occasion, boosted

Probabilities = Callable[[list[str], list[str]], np.ndarray]
ASKED = {"style+season": ("style", "season"), "style": ("style",), "season": ("season",)}


@dataclass
class OutfitCounts:
    """What the training outfits say about each item: `Affinity` inputs and the base rates."""

    labels: Labels
    worn: Counter = field(default_factory=Counter)
    carrying: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def of(cls, outfits: Sequence[ExportedOutfit]) -> OutfitCounts:
        styles: Counter = Counter(o.style for o in outfits if o.style)
        seasons: Counter = Counter(o.season for o in outfits if o.season)
        total = max(len(outfits), 1)
        counts = cls(
            Labels(
                len(outfits),
                {k: v / total for k, v in styles.items()},
                {k: v / total for k, v in seasons.items()},
            )
        )
        for outfit in outfits:
            for item in set(outfit.items):
                counts.worn[item] += 1
                for label in (outfit.style, outfit.season):
                    if label:
                        counts.carrying[item][label] += 1
        return counts

    def lifts(self, occasion: Occasion, items: Sequence[str]) -> np.ndarray:
        """Each item's lift for the occasion, as serving computes it."""
        out = np.ones(len(items))
        for n, item in enumerate(items):
            mine = self.carrying.get(item, Counter())
            seen = Affinity(
                None,
                self.worn[item],
                mine[occasion.style] if occasion.style else 0,
                mine[occasion.season] if occasion.season else 0,
            )
            out[n] = seen.lift(occasion, self.labels)
        return out


@dataclass
class OccasionFitb:
    """FITB without and with the occasion on one question set, and the paired gain."""

    questions: int
    plain: float
    with_occasion: float
    gain: float
    gain_ci: tuple[float, float]
    cross_brand: dict[str, float] = field(default_factory=dict)


def occasion_fitb(
    probabilities: Probabilities,
    counts: OutfitCounts,
    questions: list[dict[str, Any]],
    truth: dict[str, dict[str, Any]],
    occasion_of: Callable[[str], Occasion],
    seed: int = 0,
) -> OccasionFitb:
    """Answer every question twice — plain and with its outfit's occasion — on the same
    shuffled candidates (ties broken alike), and score both against `truth`."""
    rng = np.random.default_rng(seed)
    right: list[tuple[str, float, float, bool]] = []
    for q in questions:
        candidates = [str(c) for c in q["candidates"]]
        shuffled = [candidates[i] for i in rng.permutation(len(candidates))]
        p = np.asarray(probabilities([str(g) for g in q["given"]], shuffled), dtype=float)
        occasion = occasion_of(str(q["outfit_id"]))
        lifts = counts.lifts(occasion, shuffled)
        lifted = np.array([boosted(float(x), float(f)) for x, f in zip(p, lifts, strict=True)])
        key = truth[str(q["question_id"])]
        plain = float(shuffled[int(np.argsort(-p, kind="stable")[0])] == key["answer"])
        fitted = float(shuffled[int(np.argsort(-lifted, kind="stable")[0])] == key["answer"])
        right.append((str(q["outfit_id"]), plain, fitted, bool(key.get("cross_brand"))))
    n = max(len(right), 1)
    gain_ci = bootstrap_interval(grouped((o, f - p) for o, p, f, _ in right), seed=seed)
    cross = [r for r in right if r[3]]
    result = OccasionFitb(
        len(right),
        sum(r[1] for r in right) / n,
        sum(r[2] for r in right) / n,
        sum(r[2] - r[1] for r in right) / n,
        gain_ci,
    )
    if cross:
        result.cross_brand = {
            "questions": len(cross),
            "plain": sum(r[1] for r in cross) / len(cross),
            "with_occasion": sum(r[2] for r in cross) / len(cross),
            "gain": sum(r[2] - r[1] for r in cross) / len(cross),
        }
    return result


def evaluate_occasion(
    data: list[Path], seed: int, config: TrainConfig = CLOSET_DEFAULTS, variant: str = "content"
) -> dict[str, Any]:
    """On the split of `seed`: the served ranker's FITB@4 / @10 without the occasion and with
    the held-out outfit's style, season, and both, each with its paired gain."""
    work = Path(tempfile.mkdtemp(prefix=f"closet-occasion-{seed}-"))
    split = make_split(data, work / "split", seed=seed)
    labels = {
        str(r["outfit_id"]): outfit_labels(r.get("style"), r.get("season"), r.get("gender"))
        for r in read_snap(data)
    }
    report: dict[str, Any] = {"seed": seed, "fitb": {}}
    with EvalGraph(split.train, split.catalog, variant, config, progress=False) as graph:
        ranker = graph.ranker().ranker
        items = {item.id: item for item in graph.export.items}
        counts = OutfitCounts.of(graph.export.outfits)
        report["train_outfits"] = counts.labels.outfits

        def probabilities(given: list[str], candidates: list[str]) -> np.ndarray:
            known = [items[g] for g in given if g in items]
            raw = ranker.predict(known, [items[c] for c in candidates], raw=True)
            return np.asarray(ranker.calibrated(raw), dtype=float)

        for n, (qpath, tpath) in split.fitb.items():
            questions = read_lines(qpath, ("question_id", "outfit_id", "given", "candidates"))
            truth = {str(r["question_id"]): r for r in read_lines(tpath, ("question_id",))}
            for name, kinds in ASKED.items():

                def occasion_of(outfit: str, kinds: tuple[str, ...] = kinds) -> Occasion:
                    mine = labels.get(outfit, {})
                    return Occasion(
                        mine.get("style") if "style" in kinds else None,
                        mine.get("season") if "season" in kinds else None,
                    )

                found = occasion_fitb(probabilities, counts, questions, truth, occasion_of, seed)
                report["fitb"][f"fitb@{n} {name}"] = found.__dict__
    return report


def render(reports: list[dict[str, Any]]) -> str:
    """A Markdown table per split: FITB plain, with the occasion, and the gain (95% CI)."""
    lines = []
    for report in reports:
        lines += [
            f"Split seed {report['seed']} ({report['train_outfits']} training outfits); "
            "ranker, the served default; gain = with − plain, paired, 95% bootstrap by outfit.",
            "",
            "| questions | asked | n | plain | with occasion | gain (95% CI) | cross-brand gain |",
            "|---|---|---|---|---|---|---|",
        ]
        for key, row in report["fitb"].items():
            fitb, asked = key.split(" ", 1)
            low, high = row["gain_ci"]
            cross = row["cross_brand"].get("gain")
            lines.append(
                f"| {fitb.upper()} | {asked} | {row['questions']} | "
                f"{row['plain']:.3f} | {row['with_occasion']:.3f} | "
                f"{row['gain']:+.3f} ({low:+.3f} – {high:+.3f}) | "
                + (f"{cross:+.3f}" if cross is not None else "–")
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def write(reports: list[dict[str, Any]], out: Path) -> Path:
    """The reports as Markdown (occasion.md) and JSON (occasion.json) in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "occasion.json").write_text(json.dumps(reports, indent=1, default=list))
    path = out / "occasion.md"
    path.write_text(render(reports))
    return path
