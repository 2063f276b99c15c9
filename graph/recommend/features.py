"""The signals the learned ranker weighs, for one set of given pieces and many candidates.

Every signal is read from the training outfits: which brands, clusters, mid classes, colours
and name words are worn together (pointwise mutual information of the pairs), whether the
candidate is the given piece's brand and how much that brand is worn with itself (brand
shoots), the style / season / gender the candidate's outfits (or, for a piece in no outfit,
its brand's outfits) are in, its price against the given pieces', its popularity, direct
item co-occurrence, and the LightGCN score passed in by the caller.

`PairTables` holds those statistics, built once from the training outfits and stored with a
ranker version; `pair_features` turns (given, candidates) into the feature matrix whose columns
are `FEATURES`. The offline evaluation and serving both call it, so a model is scored the way
it is served. Pure NumPy / SciPy: no torch, no database.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from core.records import Item
from core.vocabulary import BIG_CATEGORIES, SEASONS, STYLES
from enrich.words import name_features

FACETS = ("brand", "cluster", "mid", "color")
PROFILES = {  # the labels as the graph stores them
    "style": tuple(STYLES.values()),
    "season": tuple(SEASONS.values()),
    "gender": ("men", "women"),
}
FEATURES = (
    "lightgcn",
    "same_brand",
    "brand_self_pmi",
    "brand_pmi",
    "brand_pairs",
    "cluster_pmi",
    "cluster_pairs",
    "mid_pmi",
    "color_pmi",
    "word_pmi",
    "item_pairs",
    "style_match",
    "season_match",
    "gender_match",
    "log_price",
    "price_gap",
    "item_outfits",
    "brand_outfits",
    "category",
)


class OutfitLike(Protocol):
    """What the tables read of an outfit: its item ids and its labels."""

    items: list[str]
    style: str | None
    season: str | None
    gender: str | None


def _facet_value(item: Item, facet: str) -> str | None:
    if facet == "brand":
        return item.brand
    if facet == "cluster":
        return item.cluster
    if facet == "mid":
        return item.mid_class
    return item.color


def _pmi(pairs: sp.csr_matrix) -> sp.csr_matrix:
    """Smoothed PMI of a symmetric pair-count matrix, kept where the pair was seen."""
    pairs = pairs.tocoo()
    margin = np.asarray(pairs.sum(axis=1)).ravel() + 1.0
    total = float(margin.sum())
    values = np.log(pairs.data * total / (margin[pairs.row] * margin[pairs.col]))
    return sp.csr_matrix((values, (pairs.row, pairs.col)), shape=pairs.shape)


@dataclass
class Encoded:
    """Items in the tables' terms: facet indices (-1 unknown), word rows, known-item rows."""

    facets: dict[str, np.ndarray]
    words: sp.csr_matrix
    rows: np.ndarray  # index into the tables' known items, -1 for an item in no outfit
    log_price: np.ndarray
    category: np.ndarray


class PairTables:
    """Pair statistics of the training outfits (see the module docstring)."""

    def __init__(
        self,
        vocab: dict[str, list[str]],
        counts: dict[str, sp.csr_matrix],
        profiles: dict[str, np.ndarray],
        outfits: int,
    ) -> None:
        self.vocab = vocab
        self.index = {name: {v: n for n, v in enumerate(values)} for name, values in vocab.items()}
        self.counts = counts
        self.profiles = profiles
        self.outfits = outfits
        self.pmi = {name: _pmi(counts[name]) for name in (*FACETS, "word")}
        word_pmi = self.pmi["word"].copy()
        word_pmi.data = np.maximum(word_pmi.data, 0.0)
        word_pmi.eliminate_zeros()
        self.word_ppmi = word_pmi
        self.item_outfits = np.asarray(counts["item"].diagonal()).ravel()
        self.brand_outfits = np.asarray(counts["brand_outfits"].diagonal()).ravel()
        self.brand_shoots = np.asarray(counts["brand_shoots"].todense()).ravel()

    def outfits_with(self, facet: str, a: str | None, b: str | None) -> int:
        """Training outfits holding both values of `facet` ("brand" or "cluster"); for one
        brand with itself, the outfits holding two or more of its pieces (its shoots)."""
        ia, ib = self.index[facet].get(a or ""), self.index[facet].get(b or "")
        if ia is None or ib is None:
            return 0
        if facet == "brand" and ia == ib:
            return int(self.brand_shoots[ia])
        return int(self.counts[f"{facet}_outfits"][ia, ib])

    @classmethod
    def from_outfits(
        cls, items: Sequence[Item], outfits: Sequence[OutfitLike], min_word_items: int = 2
    ) -> PairTables:
        """Count every pair of pieces worn in the same outfit."""
        by_id = {item.id: item for item in items}
        worn = sorted({i for o in outfits for i in o.items if i in by_id})
        row_of = {item_id: n for n, item_id in enumerate(worn)}
        r, c = [], []
        for n, outfit in enumerate(outfits):
            for item_id in set(outfit.items):
                if item_id in row_of:
                    r.append(n)
                    c.append(row_of[item_id])
        membership = sp.csr_matrix(
            (np.ones(len(r)), (r, c)), shape=(len(outfits), len(worn)), dtype=np.float64
        )
        together = (membership.T @ membership).tocsr()  # item x item, diagonal = outfits
        apart = together - sp.diags(together.diagonal())
        apart.eliminate_zeros()
        worn_items = [by_id[i] for i in worn]

        vocab: dict[str, list[str]] = {"item": worn}
        counts: dict[str, sp.csr_matrix] = {"item": together}
        for facet in FACETS:
            values = sorted({v for it in items if (v := _facet_value(it, facet))})
            vocab[facet] = values
            onehot = _onehot([_facet_value(it, facet) for it in worn_items], values)
            counts[facet] = (onehot.T @ apart @ onehot).tocsr()
            if facet in ("brand", "cluster"):
                per_outfit = (membership @ onehot).tocsr()  # outfits x values: pieces
                present = per_outfit.astype(bool).astype(np.float64)
                counts[f"{facet}_outfits"] = (present.T @ present).tocsr()  # diagonal: outfits
                if facet == "brand":
                    counts["brand_shoots"] = sp.csr_matrix(
                        np.asarray((per_outfit >= 2).sum(axis=0), dtype=np.float64)
                    )
        word_df: dict[str, int] = {}
        for it in items:
            for w in name_features(it.name):
                word_df[w] = word_df.get(w, 0) + 1
        vocab["word"] = sorted(w for w, n in word_df.items() if n >= min_word_items)
        words = _word_rows(worn_items, {w: n for n, w in enumerate(vocab["word"])})
        counts["word"] = (words.T @ apart @ words).tocsr()

        labels = np.zeros((len(outfits), sum(len(v) for v in PROFILES.values())))
        for n, outfit in enumerate(outfits):
            offset = 0
            for key, known in PROFILES.items():
                value = getattr(outfit, key, None)
                if value in known:
                    labels[n, offset + known.index(value)] = 1.0
                offset += len(known)
        item_profile = np.asarray(membership.T @ labels)
        brand_onehot = _onehot([it.brand for it in worn_items], vocab["brand"])
        profiles = {"item": item_profile, "brand": np.asarray(brand_onehot.T @ item_profile)}
        return cls(vocab, counts, profiles, len(outfits))

    def encode(self, items: Sequence[Item]) -> Encoded:
        """The items in the tables' terms (unknown values and cold items get -1)."""
        facets = {
            facet: np.array(
                [self.index[facet].get(_facet_value(it, facet) or "", -1) for it in items],
                dtype=np.int64,
            )
            for facet in FACETS
        }
        prices = np.array(
            [math.log(it.price) if it.price and it.price > 0 else np.nan for it in items]
        )
        return Encoded(
            facets=facets,
            words=_word_rows(items, self.index["word"]),
            rows=np.array([self.index["item"].get(it.id, -1) for it in items], dtype=np.int64),
            log_price=prices,
            category=np.array(
                [
                    BIG_CATEGORIES.index(it.category) if it.category in BIG_CATEGORIES else -1
                    for it in items
                ],
                dtype=np.float64,
            ),
        )

    def profile(self, enc: Encoded) -> np.ndarray:
        """Style / season / gender distribution of each item's outfits (its brand's outfits
        for an item in none; zeros when neither is known), normalised per group."""
        out = np.zeros((len(enc.rows), self.profiles["item"].shape[1]))
        warm = enc.rows >= 0
        out[warm] = self.profiles["item"][enc.rows[warm]]
        brand = enc.facets["brand"]
        cold = ~warm & (brand >= 0)
        out[cold] = self.profiles["brand"][brand[cold]]
        return _normalise_groups(out)

    # --- storage with a ranker version -------------------------------------------------

    def to_bytes(self) -> bytes:
        """The tables as one compressed NumPy archive (stored with the ranker's version)."""
        arrays: dict[str, np.ndarray] = {}
        for name, matrix in self.counts.items():
            coo = matrix.tocoo()
            arrays[f"{name}.row"], arrays[f"{name}.col"] = coo.row, coo.col
            arrays[f"{name}.data"] = coo.data
            arrays[f"{name}.shape"] = np.array(coo.shape)
        for name, matrix in self.profiles.items():
            arrays[f"profile.{name}"] = matrix
        meta = {"vocab": self.vocab, "outfits": self.outfits, "counts": sorted(self.counts)}
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> PairTables:
        """The tables written by `to_bytes`."""
        with np.load(io.BytesIO(blob)) as archive:
            meta = json.loads(archive["meta"].tobytes().decode())
            counts = {
                name: sp.csr_matrix(
                    (archive[f"{name}.data"], (archive[f"{name}.row"], archive[f"{name}.col"])),
                    shape=tuple(archive[f"{name}.shape"]),
                )
                for name in meta["counts"]
            }
            profiles = {name: archive[f"profile.{name}"] for name in ("item", "brand")}
        return cls(meta["vocab"], counts, profiles, int(meta["outfits"]))


def _onehot(values: Sequence[str | None], vocab: list[str]) -> sp.csr_matrix:
    index = {v: n for n, v in enumerate(vocab)}
    rows = [n for n, v in enumerate(values) if v in index]
    cols = [index[values[n]] for n in rows]  # type: ignore[index]
    return sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(values), len(vocab)), dtype=np.float64
    )


def _word_rows(items: Sequence[Item], index: dict[str, int]) -> sp.csr_matrix:
    """Binary item x word matrix, each row scaled to unit length."""
    rows, cols, vals = [], [], []
    for n, it in enumerate(items):
        found = sorted({index[w] for w in name_features(it.name) if w in index})
        for w in found:
            rows.append(n)
            cols.append(w)
            vals.append(1.0 / math.sqrt(len(found)))
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(items), len(index)), dtype=np.float64)


def _normalise_groups(profile: np.ndarray) -> np.ndarray:
    out = profile.copy()
    offset = 0
    for values in PROFILES.values():
        block = out[:, offset : offset + len(values)]
        norm = np.linalg.norm(block, axis=1, keepdims=True)
        np.divide(block, norm, out=block, where=norm > 0)
        offset += len(values)
    return out


def _lookup(matrix: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """matrix[a[i], b[j]] for every (i, j) as a len(a) x len(b) array; NaN where either index is
    unknown (-1)."""
    out = np.full((len(a), len(b)), np.nan)
    ka, kb = a >= 0, b >= 0
    if ka.any() and kb.any():
        block = matrix[a[ka]][:, b[kb]].toarray()
        out[np.ix_(ka, kb)] = block
    return out


def _seen_lookup(pmi: sp.csr_matrix, counts: sp.csr_matrix, a: np.ndarray, b: np.ndarray):
    """PMI where the pair was worn, NaN where never (or unknown); and the log pair count."""
    pair = _lookup(counts, a, b)
    value = _lookup(pmi, a, b)
    value[~(pair > 0)] = np.nan
    return value, np.log1p(np.nan_to_num(pair))


def _mean_over_given(block: np.ndarray) -> np.ndarray:
    """Mean over the given pieces (rows), ignoring NaN; NaN where all are NaN."""
    known = ~np.isnan(block)
    total = np.where(known, block, 0.0).sum(axis=0)
    n = known.sum(axis=0)
    return np.where(n > 0, total / np.maximum(n, 1), np.nan)


def pair_features(
    tables: PairTables,
    given: Encoded,
    candidates: Encoded,
    lightgcn: np.ndarray | None = None,
) -> np.ndarray:
    """The feature matrix (one row per candidate, columns `FEATURES`) of candidates for the
    given pieces. `lightgcn` is the model's score per candidate (NaN / None: unknown)."""
    m = len(candidates.rows)
    out = np.full((m, len(FEATURES)), np.nan)
    col = {name: n for n, name in enumerate(FEATURES)}
    if lightgcn is not None:
        out[:, col["lightgcn"]] = lightgcn
    gb, cb = given.facets["brand"], candidates.facets["brand"]
    same = (gb[:, None] == cb[None, :]) & (gb[:, None] >= 0)
    out[:, col["same_brand"]] = same.mean(axis=0) if len(gb) else 0.0
    self_pmi = np.full(m, np.nan)
    known = cb >= 0
    if known.any():
        diag = tables.pmi["brand"].diagonal()
        seen = tables.counts["brand"].diagonal()
        self_pmi[known] = np.where(seen[cb[known]] > 0, diag[cb[known]], np.nan)
    out[:, col["brand_self_pmi"]] = np.where(same.any(axis=0), self_pmi, np.nan)
    brand_pmi, brand_pairs = _seen_lookup(tables.pmi["brand"], tables.counts["brand"], gb, cb)
    brand_pmi[same] = np.nan  # the same brand is its own feature
    out[:, col["brand_pmi"]] = _mean_over_given(brand_pmi)
    out[:, col["brand_pairs"]] = np.where(same, 0.0, brand_pairs).mean(axis=0) if len(gb) else 0
    for facet in ("cluster", "mid", "color"):
        value, pairs = _seen_lookup(
            tables.pmi[facet], tables.counts[facet], given.facets[facet], candidates.facets[facet]
        )
        out[:, col[f"{facet}_pmi"]] = _mean_over_given(value)
        if facet == "cluster":
            out[:, col["cluster_pairs"]] = pairs.mean(axis=0) if len(gb) else 0.0
    words = (given.words @ tables.word_ppmi @ candidates.words.T).toarray()
    out[:, col["word_pmi"]] = words.mean(axis=0) if len(gb) else 0.0
    out[:, col["item_pairs"]] = np.log1p(
        np.nan_to_num(_lookup(tables.counts["item"], given.rows, candidates.rows)).sum(axis=0)
    )
    gp, cp = tables.profile(given), tables.profile(candidates)
    anchor = gp.mean(axis=0) if len(gp) else np.zeros(gp.shape[1])
    offset = 0
    for key, values in PROFILES.items():
        width = len(values)
        a = anchor[offset : offset + width]
        block = cp[:, offset : offset + width]
        has = np.linalg.norm(block, axis=1) > 0
        value = block @ a
        out[:, col[f"{key}_match"]] = np.where(has & (np.linalg.norm(a) > 0), value, np.nan)
        offset += width
    out[:, col["log_price"]] = candidates.log_price
    given_price = given.log_price[~np.isnan(given.log_price)]
    if len(given_price):
        out[:, col["price_gap"]] = np.abs(candidates.log_price - given_price.mean())
    rows = candidates.rows
    out[:, col["item_outfits"]] = np.where(
        rows >= 0, np.log1p(tables.item_outfits[np.maximum(rows, 0)]), 0.0
    )
    out[:, col["brand_outfits"]] = np.where(
        known, np.log1p(tables.brand_outfits[np.maximum(cb, 0)]), np.nan
    )
    out[:, col["category"]] = candidates.category
    return out
