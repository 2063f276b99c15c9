"""The domain vocabulary, each fact defined once: categories, colour families, the cluster key,
id patterns, feedback kinds and model names.

Mid classes are defined with the keywords that name them, in `enrich.taxonomy` (one table: a
mid class and its keywords are one fact), and reached through `enrich.taxonomy.MID_CLASS_NAMES`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any, Literal, get_args

# Big categories of the original service (MUSINSA 상의/하의/아우터/신발/가방/모자), in order.
BigCategory = Literal["top", "bottom", "outer", "shoes", "bag", "hat"]
BIG_CATEGORIES: tuple[str, ...] = get_args(BigCategory)
# The categories a wearable outfit is made of: one top, one bottom, optionally one outer.
CoreCategory = Literal["top", "bottom", "outer"]
CORE_CATEGORIES: tuple[str, ...] = get_args(CoreCategory)
REQUIRED_CATEGORIES: tuple[str, ...] = ("top", "bottom")

# Colour families and their reference sRGB colour (what pixels are matched against).
COLOR_FAMILIES: dict[str, tuple[int, int, int]] = {
    "black": (25, 25, 27),
    "white": (246, 246, 244),
    "ivory": (238, 231, 208),
    "grey": (150, 150, 152),
    "charcoal": (68, 68, 72),
    "navy": (32, 42, 84),
    "blue": (45, 95, 180),
    "sky-blue": (140, 190, 228),
    "beige": (212, 188, 152),
    "brown": (112, 72, 44),
    "khaki": (112, 110, 62),
    "green": (42, 128, 72),
    "red": (186, 32, 44),
    "pink": (236, 156, 178),
    "purple": (120, 72, 150),
    "yellow": (238, 206, 62),
    "orange": (234, 120, 40),
}
UNKNOWN_COLOR = "unknown"

# Ids: catalog items and outfits (MUSINSA ids, or ours), closets and their tokens.
ID_PATTERN = r"^[0-9A-Za-z_-]{1,64}$"
PERSON_PATTERN = r"^[0-9a-f]{32}$"
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{32,128}$"

# Feedback a person gives on an item, and the relationship type that stores each kind.
FeedbackKind = Literal["like", "dismiss", "pick"]
FEEDBACK_KINDS: tuple[str, ...] = get_args(FeedbackKind)
FEEDBACK_RELATIONSHIPS = {"like": "LIKED", "dismiss": "DISMISSED", "pick": "PICKED"}

# Outfit labels as MUSINSA writes them → as the graph stores them (graph.ingest.normalize).
SEASONS = {"봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"}
STYLES = {"캐주얼": "casual", "스트릿": "street", "미니멀": "minimal", "스포티": "sporty"}
GENDERS = {"MALE": "men", "FEMALE": "women", "M": "men", "F": "women"}

# Korean names: colour families, big categories, styles and seasons (explanations, the demo).
COLORS_KO = {
    "black": "블랙",
    "white": "화이트",
    "ivory": "아이보리",
    "grey": "그레이",
    "charcoal": "차콜",
    "navy": "네이비",
    "blue": "블루",
    "sky-blue": "스카이블루",
    "beige": "베이지",
    "brown": "브라운",
    "khaki": "카키",
    "green": "그린",
    "red": "레드",
    "pink": "핑크",
    "purple": "퍼플",
    "yellow": "옐로우",
    "orange": "오렌지",
}
CATEGORIES_KO = {
    "top": "상의",
    "bottom": "하의",
    "outer": "아우터",
    "shoes": "신발",
    "bag": "가방",
    "hat": "모자",
}
LABELS_KO = {english: korean for korean, english in {**STYLES, **SEASONS}.items()}


def outfit_labels(style: str | None, season: str | None, gender: str | None) -> dict:
    """An outfit's style, season and gender in the graph's terms (unknown values kept)."""
    return {
        "style": STYLES.get(style or "", style),
        "season": SEASONS.get(season or "", season),
        "gender": GENDERS.get((gender or "").upper(), gender),
    }


# Brand control: any brand, only the owned pieces' brands, or only other brands.
BrandMode = Literal["any", "same", "other"]
BRAND_MODES: tuple[str, ...] = get_args(BrandMode)

# Models that rank a request: the rule (Cypher), LightGCN's written scores, the hybrid, or the
# learned ranker. Which one is the default is measured by `closet train` (graph.recommend.ranking).
ModelName = Literal["rule", "lightgcn", "hybrid", "ranker"]
SERVED_MODELS: tuple[str, ...] = get_args(ModelName)
ClosetModelName = Literal["rule", "lightgcn"]  # the closet routes rank by gain, weighted or not
LIGHTGCN = "lightgcn"  # the name trained models are registered under
RANKER = "ranker"  # the learned ranker's registry (gnn/ranker.py, graph/recommend/learned.py)


def plain_text(value: str) -> str:
    """Text without control, format (bidi overrides, zero-width) or unassigned characters, so a
    label shows as the characters it seems to be."""
    return "".join(ch for ch in value if not unicodedata.category(ch).startswith("C")).strip()


def cluster_key(mid: str | None, color: str | None) -> str | None:
    """The cluster an item belongs to: "mid_class|colour" ("mid_class|unknown" without a
    colour), or None without a mid class."""
    if not mid:
        return None
    return f"{mid}|{color or UNKNOWN_COLOR}"


def split_cluster_key(key: str) -> tuple[str, str]:
    """The (mid class, colour) of a cluster key."""
    mid, _, color = key.partition("|")
    return mid, color or UNKNOWN_COLOR


def item_cluster(props: Mapping[str, Any]) -> str | None:
    """The cluster of an item's properties: its stored key, else the one its mid class and
    colour make (None without a mid class)."""
    return props.get("cluster") or cluster_key(props.get("mid_class"), props.get("color"))


def cluster_label(key: str | None, none: str = "unclustered items") -> str:
    """A cluster as words: 'shirt|navy' → 'navy shirt' ('shirt|unknown' → 'shirt')."""
    if not key:
        return none
    mid, color = split_cluster_key(key)
    return f"{color} {mid}" if color != UNKNOWN_COLOR else mid
