"""The evaluation protocol on snap outfits: a seeded 80/20 outfit split, fill-in-the-blank
questions whose negatives come from *other held-out outfits*, and retrieval queries.

Negatives from the whole catalog would let "pick the item never seen in training" win (about
70% of held-out items are cold, most catalog items are not); drawing them from held-out
outfits gives the hidden item and its negatives the same cold/warm mix.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.records import Item, SnapItem, SnapOutfit
from core.vocabulary import outfit_labels
from gnn.closet_train import fitb_questions
from gnn.export import ExportedOutfit, GraphExport
from graph.ingest.normalize import normalize_item

HELDOUT_POOL = "heldout"


@dataclass
class SplitFiles:
    """Paths written by `make_split`."""

    train: Path
    catalog: Path
    clusters: Path
    fitb: dict[int, tuple[Path, Path]]  # candidates -> (questions, truth)
    pools: Path
    queries: Path
    queries_truth: Path

    def export(self) -> GraphExport:
        """What the graph holds once TRAIN and CATALOG are loaded (normalised the same way)."""
        return exported(
            json.loads(self.train.read_text(encoding="utf-8")),
            json.loads(self.catalog.read_text(encoding="utf-8")),
        )


def cross_brand(answer: str, given: list[str], brand: dict[str, str | None]) -> bool:
    """True when the hidden item's brand is none of the given items' brands (or unknown):
    the questions that brand identity cannot answer."""
    own = brand.get(answer)
    return own is None or own not in {brand.get(g) for g in given}


def read_snap(paths: list[Path]) -> list[dict[str, Any]]:
    """Valid snap outfit records from the files, duplicated outfit ids dropped (first wins)."""
    seen: set[str] = set()
    out = []
    for path in paths:
        for record in json.loads(Path(path).read_text(encoding="utf-8")):
            try:
                outfit = SnapOutfit.model_validate(record)
            except ValidationError:
                continue
            if outfit.outfit_id in seen:
                continue
            seen.add(outfit.outfit_id)
            out.append(record)
    return out


def exported(records: list[dict[str, Any]], catalog: list[dict[str, Any]] = ()) -> GraphExport:
    """The GraphExport the graph would hold for these records (normalised the same way)."""
    items: dict[str, Item] = {}
    outfits = []

    def add(raw: dict[str, Any]) -> str | None:
        row = normalize_item(SnapItem.model_validate(raw))
        if row is None:
            return None
        items.setdefault(
            row.id,
            Item.model_validate(row.model_dump(include=set(Item.model_fields))),
        )
        return row.id

    for record in records:
        ids = [i for i in (add(raw) for raw in record["items"]) if i]
        outfits.append(
            ExportedOutfit(
                str(record["outfit_id"]),
                list(dict.fromkeys(ids)),
                **outfit_labels(record.get("style"), record.get("season"), record.get("gender")),
            )
        )
    for raw in catalog:
        add(raw)
    return GraphExport(sorted(items.values(), key=lambda it: it.id), outfits)


def make_split(paths: list[Path], out_dir: Path, seed: int = 42, share: float = 0.2) -> SplitFiles:
    """Write TRAIN.json, CATALOG.json, FITB@4/@10 questions and truth, pools and queries."""
    out_dir.mkdir(parents=True, exist_ok=True)
    records = read_snap(paths)
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    n_test = int(round(len(records) * share))
    test = [records[i] for i in sorted(order[:n_test])]
    train = [records[i] for i in sorted(order[n_test:])]
    full = exported(records)
    category = {it.id: it.category for it in full.items}
    cluster = {it.id: it.cluster for it in full.items}
    brand = {it.id: it.brand for it in full.items}
    test_outfits = exported(test).outfits

    files = SplitFiles(
        train=out_dir / "train.json",
        catalog=out_dir / "catalog.json",
        clusters=out_dir / "clusters.json",
        fitb={},
        pools=out_dir / "pools.json",
        queries=out_dir / "retrieval.jsonl",
        queries_truth=out_dir / "retrieval.truth.jsonl",
    )
    files.train.write_text(json.dumps(train, ensure_ascii=False))
    catalog: dict[str, dict[str, Any]] = {}
    for record in test:
        for raw in record["items"]:
            catalog.setdefault(str(raw["item_id"]), raw)
    files.catalog.write_text(json.dumps(list(catalog.values()), ensure_ascii=False))
    files.clusters.write_text(json.dumps(cluster, ensure_ascii=False))

    for n in (4, 10):
        questions = fitb_questions(test_outfits, category, n, seed + n)
        qpath, tpath = out_dir / f"fitb{n}.jsonl", out_dir / f"fitb{n}.truth.jsonl"
        with open(qpath, "w") as qf, open(tpath, "w") as tf:
            for k, q in enumerate(questions):
                qid = f"q{n}-{k}"
                qf.write(
                    json.dumps(
                        {
                            "question_id": qid,
                            "outfit_id": q.outfit_id,
                            "given": q.given,
                            "candidates": q.candidates,
                        }
                    )
                    + "\n"
                )
                truth = {
                    "question_id": qid,
                    "answer": q.answer,
                    "outfit_id": q.outfit_id,
                    "cross_brand": cross_brand(q.answer, q.given, brand),
                }
                tf.write(json.dumps(truth) + "\n")
        files.fitb[n] = (qpath, tpath)

    pool = sorted({i for o in test_outfits for i in o.items})
    files.pools.write_text(json.dumps({HELDOUT_POOL: pool}))
    with open(files.queries, "w") as qf, open(files.queries_truth, "w") as tf:
        k = 0
        for outfit in test_outfits:
            for query in outfit.items:
                positives = [i for i in outfit.items if category[i] != category[query]]
                if not positives:
                    continue
                qid = f"r-{k}"
                k += 1
                qf.write(
                    json.dumps(
                        {
                            "query_id": qid,
                            "outfit_id": outfit.id,
                            "query_item": query,
                            "pool": HELDOUT_POOL,
                            "exclude_category": category[query],
                        }
                    )
                    + "\n"
                )
                truth = {"query_id": qid, "positives": positives, "outfit_id": outfit.id}
                tf.write(json.dumps(truth) + "\n")
    return files
