"""A synthetic outfit catalog in the snap format, shaped like the real one (`closet synth`).

The generator reproduces the aggregate statistics of `synth_profile.Profile` (measured on the
real MUSINSA snaps, shipped as synth_profile.json): the category and mid-class mix, colours per
mid class, outfit sizes and category sets, which mid classes are worn together, brand shoots
(an outfit's later pieces share its first piece's brand as often as in the real data), and the
long tail of items worn once (a piece is a fresh one or, with the real reuse rate, one already
worn, chosen in proportion to how often: preferential attachment).

It streams: outfits are written one JSON line at a time and only the items' attributes are held
(a few numeric arrays), so a million items fit in a few hundred MB. Items worn in no outfit are
written to a catalog file (`closet load --catalog`). Names come from templates (adjective, a
taxonomy keyword of the mid class, a colour word) checked to read back as the intended mid class
and colour; brands are made up. No real record is copied.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from enrich.colors import color_from_name, family_words
from enrich.synthetic import render
from enrich.taxonomy import MID_CLASSES, mid_class
from graph.ingest.synth_profile import Profile, default_profile

RAW_CATEGORY = {"top": "상의", "bottom": "하의", "outer": "아우터", "shoes": "신발", "bag": "가방"}
IMAGE_KIND = {"top": "top", "bottom": "trousers", "outer": "outer", "shoes": "shoes", "bag": "bag"}
ADJECTIVES = (
    "오버핏", "베이직", "세미와이드", "크롭", "릴렉스드", "헤비", "라이트", "데일리", "빈티지",
    "스탠다드", "Relaxed", "Basic", "Heavy", "Cropped", "Essential", "Classic", "Washed",
    "Boxy", "Soft", "Daily",
)  # fmt: skip
BRAND_PARTS = (
    ("스튜디오", "아틀리에", "하우스", "Norde", "Verano", "Mellow", "Unit", "Field", "Common",
     "Paper", "Oak", "Slow", "North", "Dune", "Marlo", "Hale"),
    ("Lab", "Works", "Club", "Standard", "Goods", "Supply", "랩", "웍스", "클럽", "스탠다드"),
)  # fmt: skip
OUTFIT_BASE = 9_000_000_000  # synthetic ids: far from MUSINSA's own
ITEM_BASE = 90_000_000


@dataclass
class SynthReport:
    items: int
    outfits: int
    in_outfits: int  # distinct items worn in at least one outfit
    catalog_only: int
    outfits_file: Path
    catalog_file: Path
    images: int = 0


_SAMPLERS: dict[int, tuple[dict[str, float], list[str], np.ndarray]] = {}


def _draw(shares: dict[str, float], rng: np.random.Generator) -> str:
    """A key of `shares`, drawn in proportion to its value (samplers cached per dict)."""
    cached = _SAMPLERS.get(id(shares))
    if cached is None or cached[0] is not shares:
        keys = list(shares)
        cum = np.cumsum([shares[k] for k in keys], dtype=float)
        cached = _SAMPLERS[id(shares)] = (shares, keys, cum / cum[-1])
    _, keys, cum = cached
    return keys[min(int(np.searchsorted(cum, rng.random(), side="right")), len(keys) - 1)]


def _choose(
    shares: dict[str, float], index: dict[str, int], size: int, rng: np.random.Generator
) -> np.ndarray:
    """`size` draws of the keys of `shares` (as their numbers in `index`), in proportion."""
    options = np.array([index[k] for k in shares])
    p = np.array(list(shares.values()))
    return rng.choice(options, size=size, p=p / p.sum())


class Names:
    """Product names that read back as their mid class and colour (checked once, cached)."""

    def __init__(self) -> None:
        self.keywords = {
            m.name: [k for k in m.strong if len(k) >= 3 or not k.isascii()] or [m.name]
            for m in MID_CLASSES
        }
        self._ok: dict[tuple[str, str, str, str, str], bool] = {}

    def name(self, big: str, mid: str, color: str, salt: int) -> str:
        """A name for item number `salt` (the same item always gets the same name)."""
        words = [w for w in family_words(color) if len(w) >= 3 or not w.isascii()] or [color]
        keywords = self.keywords[mid]
        for attempt in range(6):
            pick = (salt * 2_654_435_761 + attempt * 40_503) % 2**32
            adjective = ADJECTIVES[pick % len(ADJECTIVES)]
            keyword = keywords[(pick // 31) % len(keywords)]
            colour_word = words[(pick // 977) % min(len(words), 4)]
            key = (big, mid, color, adjective + "|" + keyword, colour_word)
            text = f"{adjective} {keyword} {colour_word}".strip()
            if key not in self._ok:
                self._ok[key] = mid_class(text, big) == mid and (
                    color == "none" or color_from_name(text) == color
                )
            if self._ok[key]:
                return text.title() if text.isascii() else text
        return f"{mid} {color}" if color != "none" else mid


class Catalog:
    """The items' attributes, and how outfits draw pieces from them."""

    def __init__(self, profile: Profile, n: int, rng: np.random.Generator) -> None:
        self.cats = list(profile.categories)
        cat_p = np.array(list(profile.categories.values()))
        self.cat = rng.choice(len(self.cats), size=n, p=cat_p / cat_p.sum()).astype(np.int8)
        self.mids: list[str] = sorted({m for ms in profile.mid_classes.values() for m in ms})
        mid_index = {m: k for k, m in enumerate(self.mids)}
        self.mid = np.zeros(n, dtype=np.int16)
        for c, name in enumerate(self.cats):
            where = np.flatnonzero(self.cat == c)
            self.mid[where] = _choose(profile.mid_classes[name], mid_index, len(where), rng)
        self.colors = sorted({c for cs in profile.colors.values() for c in cs})
        color_index = {c: k for k, c in enumerate(self.colors)}
        self.color = np.zeros(n, dtype=np.int8)
        self.price = np.zeros(n, dtype=np.int64)
        for m, name in enumerate(self.mids):
            where = np.flatnonzero(self.mid == m)
            self.color[where] = _choose(profile.colors[name], color_index, len(where), rng)
            mu, sd = profile.log_price.get(name, (11.0, 0.5))
            self.price[where] = np.round(np.exp(rng.normal(mu, sd, len(where))), -2)
        brands = max(1, round(n / profile.items_per_brand))
        weights = 1.0 / np.arange(1, brands + 1)  # Zipf: a few big brands, a long tail
        self.brand = rng.choice(brands, size=n, p=weights / weights.sum()).astype(np.int64)
        # groups: (category, mid) for a chosen piece; (brand, category) for a brand shoot.
        # `fresh` holds each group's unworn pieces in random order (worn ones are skipped when
        # popped); `worn` one entry per time a piece was worn (preferential attachment).
        self.fresh: dict[tuple[int, int], list[int]] = {}
        for c in range(len(self.cats)):
            for m in range(len(self.mids)):
                members = np.flatnonzero((self.cat == c) & (self.mid == m))
                self.fresh[(c, m)] = rng.permutation(members).tolist()
        self.worn: dict[tuple[int, int], list[int]] = {g: [] for g in self.fresh}
        key = self.brand * 8 + self.cat
        order = np.argsort(key, kind="stable")
        bounds = np.flatnonzero(np.diff(key[order])) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [n]])
        self.by_brand = {int(key[order[s]]): order[s:e] for s, e in zip(starts, ends, strict=True)}
        self.count = np.zeros(n, dtype=np.int32)
        self.followers = self.same_followers = 0  # later pieces, and those of the first's brand

    def piece(self, c: int, m: int, reuse: float, rng: np.random.Generator) -> int | None:
        """A piece of category c and mid class m: one already worn (in proportion to how
        often) with probability `reuse`, else a fresh one; None when the group is empty."""
        fresh, worn = self.fresh[(c, m)], self.worn[(c, m)]
        while fresh and self.count[fresh[-1]] > 0:  # worn meanwhile in a brand shoot
            fresh.pop()
        if worn and (not fresh or rng.random() < reuse):
            item = worn[int(rng.integers(len(worn)))]
        elif fresh:
            item = fresh.pop()
        else:
            return None
        worn.append(item)
        self.count[item] += 1
        return item

    def any_piece(self, c: int, reuse: float, rng: np.random.Generator) -> int | None:
        """A piece of category c from any mid class that has one (small catalogs lack some)."""
        groups = [
            m
            for (cat, m), fresh in self.fresh.items()
            if cat == c and (fresh or self.worn[(cat, m)])
        ]
        if not groups:
            return None
        return self.piece(c, groups[int(rng.integers(len(groups)))], reuse, rng)

    def same_brand(self, brand: int, c: int, rng: np.random.Generator) -> int | None:
        group = self.by_brand.get(brand * 8 + c)
        if group is None:
            return None
        item = int(group[int(rng.integers(len(group)))])
        self.worn[(c, int(self.mid[item]))].append(item)
        self.count[item] += 1
        return item


def _partner_mids(profile: Profile) -> dict[tuple[str, str], dict[str, float]]:
    """P(mid_b | mid_a, category of b) from the pairs worn together."""
    partners: dict[tuple[str, str], dict[str, float]] = {}
    for pair, share in profile.mid_pairs.items():
        a, b = pair.split("|")
        for x, y in ((a, b), (b, a)):
            for category, mids in profile.mid_classes.items():
                if y in mids:
                    row = partners.setdefault((x, category), {})
                    row[y] = row.get(y, 0.0) + share
    return partners


def generate(
    items: int,
    outfits: int,
    seed: int,
    out: Path,
    profile: Profile | None = None,
    images: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> SynthReport:
    """Write `out/outfits.jsonl` (M outfits) and `out/catalog.jsonl` (the items in none)."""
    profile = profile or default_profile()
    rng = np.random.default_rng(seed)
    catalog = Catalog(profile, items, rng)
    names = Names()
    partners = _partner_mids(profile)
    slots = sum(int(k) * v for k, v in profile.outfit_sizes.items())
    reuse = max(0.0, 1.0 - profile.items / (profile.outfits * slots))
    out.mkdir(parents=True, exist_ok=True)
    outfits_file, catalog_file = out / "outfits.jsonl", out / "catalog.jsonl"
    mid_of = {name: k for k, name in enumerate(catalog.mids)}
    cat_of = {name: k for k, name in enumerate(catalog.cats)}

    def record(item: int, position: int | None = None) -> dict[str, Any]:
        big, mid = catalog.cats[catalog.cat[item]], catalog.mids[catalog.mid[item]]
        color = catalog.colors[catalog.color[item]]
        item_id = str(ITEM_BASE + item)
        row: dict[str, Any] = {
            "item_id": item_id,
            "category": RAW_CATEGORY[big],
            "brand": _brand(int(catalog.brand[item])),
            "name": names.name(big, mid, color, seed * 1_000_003 + item),
            "price": int(catalog.price[item]),
            "purchase_url": f"https://shop.example.invalid/goods/{item_id}",
            "image_url": f"https://image.example.invalid/goods/{item_id}_500.jpg",
        }
        if images is not None:
            row["image_url"] = _image(images, item_id, big, color, seed + item)
        if position is not None:
            row["position"] = position
        return row

    with outfits_file.open("w", encoding="utf-8") as sink:
        for k in range(outfits):
            pieces: list[int] = []
            while not pieces:  # a category with no item at all is drawn again
                pieces = _outfit(profile, catalog, partners, mid_of, cat_of, reuse, rng)
            _write(sink, _outfit_record(k, pieces, profile, rng, record))
            if progress and (k + 1) % 1000 == 0:
                progress(1000)
    with catalog_file.open("w", encoding="utf-8") as sink:
        for item in np.flatnonzero(catalog.count == 0):
            _write(sink, record(int(item)))
    worn = int((catalog.count > 0).sum())
    return SynthReport(
        items,
        outfits,
        worn,
        items - worn,
        outfits_file,
        catalog_file,
        len(list(images.glob("*.png"))) if images else 0,
    )


def _outfit(
    profile: Profile,
    catalog: Catalog,
    partners: dict[tuple[str, str], dict[str, float]],
    mid_of: dict[str, int],
    cat_of: dict[str, int],
    reuse: float,
    rng: np.random.Generator,
) -> list[int]:
    cats = _draw(profile.category_sets, rng).split(",")
    bigger = sum(v for k, v in profile.outfit_sizes.items() if int(k) > 3)
    whole = sum(v for k, v in profile.category_sets.items() if k.count(",") == 2)
    if len(cats) == 3 and rng.random() < bigger / max(whole, 1e-9):
        cats.append(cats[int(rng.integers(len(cats)))])  # a second top, say
    order = [cats[i] for i in rng.permutation(len(cats))]
    first_cat = cat_of[order[0]]
    first_mid = mid_of[_draw(profile.mid_classes[order[0]], rng)]
    first = catalog.piece(first_cat, first_mid, reuse, rng)
    if first is None:
        first = catalog.any_piece(first_cat, reuse, rng)
    if first is None:
        return []
    pieces = [first]
    anchor = catalog.mids[first_mid]
    # a brand shoot (every piece of the first one's brand) whenever the outfits so far are behind
    # the real share of pieces that share the first one's brand
    shoot = catalog.same_followers < profile.follows_first_brand * catalog.followers
    for name in order[1:]:
        c = cat_of[name]
        item = None
        catalog.followers += 1
        if shoot:
            item = catalog.same_brand(int(catalog.brand[first]), c, rng)
            catalog.same_followers += item is not None
        if item is None:
            mid = _draw(partners.get((anchor, name)) or profile.mid_classes[name], rng)
            item = catalog.piece(c, mid_of[mid], reuse, rng)
            if item is None:
                item = catalog.any_piece(c, reuse, rng)
        if item is not None and item not in pieces:
            pieces.append(item)
    return pieces


def _outfit_record(
    k: int,
    pieces: list[int],
    profile: Profile,
    rng: np.random.Generator,
    record: Callable[[int, int | None], dict[str, Any]],
) -> dict[str, Any]:
    outfit_id = str(OUTFIT_BASE + k)
    style, season = _draw(profile.styles, rng), _draw(profile.seasons, rng)
    gender = {"men": "MALE", "women": "FEMALE"}.get(_draw(profile.genders, rng))
    return {
        "outfit_id": outfit_id,
        "detail_url": f"https://shop.example.invalid/snap/{outfit_id}",
        "image_url": f"https://image.example.invalid/snap/{outfit_id}.jpg",
        "gender": gender,
        "style": style,
        "season": season,
        "description": f"#{style} #{season} #dailylook",
        "items": [record(item, n) for n, item in enumerate(pieces, 1)],
    }


def _brand(b: int) -> str:
    first, second = BRAND_PARTS
    return f"{first[b % len(first)]} {second[(b // len(first)) % len(second)]} {b // 160 + 1}"


def _image(folder: Path, item_id: str, big: str, color: str, seed: int) -> str:
    path = folder / f"{item_id}.png"
    if not path.exists():
        family = color if color != "none" else "grey"
        kind = IMAGE_KIND.get(big, "top")
        render(kind, family, "white", np.random.default_rng(seed)).save(path)
    return path.resolve().as_uri()


def _write(sink: TextIO, row: dict[str, Any]) -> None:
    sink.write(json.dumps(row, ensure_ascii=False))
    sink.write("\n")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines file, one at a time."""
    with path.open(encoding="utf-8") as source:
        for line in source:
            if line.strip():
                yield json.loads(line)
