"""Local placeholder pictures of items: a category silhouette filled with the item's colour family.

Product photos live on shop CDNs the demo cannot (and should not) reach, so every item is drawn
locally with Pillow: the shape says what it is (tee, shirt, coat, trousers, skirt, sneaker, tote,
cap, ...), the fill its colour family (`enrich.colors.family_rgb`). Pictures are cached as PNG
files (for galleries) and as data URIs (for HTML), one per (shape, colour).
"""

from __future__ import annotations

import base64
import io
import os
import tempfile
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw

from core.vocabulary import COLOR_FAMILIES
from enrich.colors import family_rgb

SIZE = 256
SCALE = 3  # drawn larger, then downsampled: smooth edges
BACKGROUND = (243, 244, 246)
UNKNOWN_FILL = (176, 180, 188)

Points = list[tuple[float, float]]

# mid class -> shape name; unknown mid classes fall back to the big category's shape
SHAPE_OF_MID = {
    "t-shirt": "tee",
    "polo": "polo",
    "sleeveless": "tank",
    "sweatshirt": "sweat",
    "hoodie": "hoodie",
    "knit": "sweat",
    "shirt": "shirt",
    "blouse": "shirt",
    "cardigan": "jacket",
    "vest": "vest",
    "zip-up": "jacket",
    "jeans": "pants",
    "slacks": "pants",
    "chinos": "pants",
    "joggers": "pants",
    "cargo": "pants",
    "pants": "pants",
    "leggings": "pants",
    "shorts": "shorts",
    "skirt": "skirt",
    "dress": "skirt",
    "jacket": "jacket",
    "blouson": "jacket",
    "windbreaker": "jacket",
    "fleece": "jacket",
    "track-jacket": "jacket",
    "blazer": "jacket",
    "padding": "padding",
    "coat": "coat",
    "sneakers": "sneaker",
    "shoes": "sneaker",
    "sandals": "sandal",
    "loafers": "loafer",
    "boots": "boot",
    "backpack": "backpack",
    "tote": "tote",
    "crossbody": "crossbody",
    "shoulder-bag": "crossbody",
    "bag": "tote",
    "cap": "cap",
    "beanie": "beanie",
    "bucket-hat": "bucket",
    "hat": "bucket",
}
SHAPE_OF_CATEGORY = {
    "top": "tee",
    "bottom": "pants",
    "outer": "jacket",
    "shoes": "sneaker",
    "bag": "tote",
    "hat": "cap",
}


def shape_for(category: str | None, mid_class: str | None) -> str:
    """The silhouette used for an item of this big category and mid class."""
    if mid_class in SHAPE_OF_MID:
        return SHAPE_OF_MID[mid_class]
    return SHAPE_OF_CATEGORY.get(category or "", "unknown")


def cache_dir() -> Path:
    """Where placeholder PNGs are kept (under the system temp dir, which Gradio may serve)."""
    override = os.environ.get("CLOSET_PLACEHOLDER_DIR")
    path = Path(override) if override else Path(tempfile.gettempdir()) / "closet-placeholders"
    path.mkdir(parents=True, exist_ok=True)
    return path


def placeholder_path(category: str | None, mid_class: str | None, color: str | None) -> Path:
    """A PNG file picturing the item (drawn once, then reused)."""
    shape = shape_for(category, mid_class)
    family = color if color in COLOR_FAMILIES else "unknown"
    return _cached_file(shape, family)


def placeholder_data_uri(
    category: str | None, mid_class: str | None, color: str | None, size: int = 96
) -> str:
    """The picture as a data: URI (for HTML), so the page never fetches an image."""
    shape = shape_for(category, mid_class)
    family = color if color in COLOR_FAMILIES else "unknown"
    return _cached_uri(shape, family, size)


@cache
def _cached_file(shape: str, family: str) -> Path:
    path = cache_dir() / f"{shape}-{family}.png"
    if not path.is_file():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        draw_placeholder(shape, family).save(tmp, format="PNG", optimize=True)
        tmp.replace(path)
    return path


@cache
def _cached_uri(shape: str, family: str, size: int) -> str:
    image = draw_placeholder(shape, family).resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def draw_placeholder(shape: str, family: str | None) -> Image.Image:
    """Draw a silhouette (see SHAPE_OF_MID) in the colour family's RGB on a light background."""
    fill = family_rgb(family) or UNKNOWN_FILL
    big = SIZE * SCALE
    image = Image.new("RGB", (big, big), BACKGROUND)
    pen = ImageDraw.Draw(image)
    outline = _outline(fill)
    width = max(2, big // 90)
    for kind, points in SHAPES.get(shape, SHAPES["unknown"])():
        xy = [(x * big, y * big) for x, y in points]
        if kind == "poly":
            pen.polygon(xy, fill=fill, outline=outline, width=width)
        elif kind == "ellipse":
            pen.ellipse([xy[0], xy[1]], fill=fill, outline=outline, width=width)
        elif kind == "line":
            pen.line(xy, fill=outline, width=width, joint="curve")
        elif kind == "arc":
            pen.arc([xy[0], xy[1]], start=180, end=360, fill=outline, width=width * 3)
    if family is None or family not in COLOR_FAMILIES:
        _question_mark(pen, big, outline)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def _outline(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    luminance = 0.2126 * fill[0] + 0.7152 * fill[1] + 0.0722 * fill[2]
    if luminance < 60:
        return (110, 110, 118)
    factor = 0.6 if luminance > 200 else 0.55
    return tuple(int(c * factor) for c in fill)  # type: ignore[return-value]


def _question_mark(pen: ImageDraw.ImageDraw, big: int, color: tuple[int, int, int]) -> None:
    w = max(2, big // 60)
    pen.arc([big * 0.44, big * 0.40, big * 0.56, big * 0.52], 180, 90, fill=color, width=w)
    pen.line([(big * 0.5, big * 0.52), (big * 0.5, big * 0.57)], fill=color, width=w)
    pen.ellipse([big * 0.49, big * 0.60, big * 0.51, big * 0.62], fill=color)


# ---------------------------------------------------------------------- silhouettes
# Each returns [(kind, points)] in unit coordinates; drawn in order.


def _top(sleeve_end: float, hem: float = 0.86, hood: bool = False, sleeves: bool = True):
    body: Points = [
        (0.36, 0.16),
        (0.43, 0.21),
        (0.57, 0.21),
        (0.64, 0.16),
        (0.80, 0.22),
    ]
    if sleeves:
        body += [(0.90, sleeve_end), (0.79, sleeve_end + 0.04), (0.72, 0.38)]
    else:
        body += [(0.72, 0.32)]
    body += [(0.72, hem), (0.28, hem)]
    if sleeves:
        body += [(0.28, 0.38), (0.21, sleeve_end + 0.04), (0.10, sleeve_end)]
    else:
        body += [(0.28, 0.32)]
    body += [(0.20, 0.22)]
    parts = []
    if hood:
        parts.append(("ellipse", [(0.36, 0.06), (0.64, 0.30)]))
    parts.append(("poly", body))
    return parts


def _tee():
    return _top(0.36)


def _polo():
    return [
        *_top(0.36),
        ("poly", [(0.43, 0.21), (0.50, 0.30), (0.57, 0.21), (0.50, 0.24)]),
        ("line", [(0.5, 0.3), (0.5, 0.40)]),
    ]


def _tank():
    return [
        (
            "poly",
            [
                (0.36, 0.14),
                (0.42, 0.26),
                (0.58, 0.26),
                (0.64, 0.14),
                (0.70, 0.34),
                (0.72, 0.86),
                (0.28, 0.86),
                (0.30, 0.34),
            ],
        )
    ]


def _sweat():
    return [*_top(0.74, 0.84), ("line", [(0.30, 0.80), (0.70, 0.80)])]


def _hoodie():
    return [
        *_top(0.74, 0.84, hood=True),
        ("line", [(0.46, 0.22), (0.46, 0.38)]),
        ("line", [(0.54, 0.22), (0.54, 0.38)]),
        ("poly", [(0.38, 0.56), (0.62, 0.56), (0.66, 0.72), (0.34, 0.72)]),
    ]


def _shirt():
    return [
        *_top(0.74, 0.88),
        ("poly", [(0.40, 0.16), (0.50, 0.28), (0.46, 0.31), (0.37, 0.20)]),
        ("poly", [(0.60, 0.16), (0.50, 0.28), (0.54, 0.31), (0.63, 0.20)]),
        ("line", [(0.50, 0.28), (0.50, 0.88)]),
    ]


def _jacket():
    return [
        *_top(0.76, 0.86),
        ("poly", [(0.43, 0.21), (0.50, 0.46), (0.57, 0.21), (0.50, 0.25)]),
        ("line", [(0.50, 0.46), (0.50, 0.86)]),
        ("line", [(0.33, 0.60), (0.43, 0.60)]),
        ("line", [(0.57, 0.60), (0.67, 0.60)]),
    ]


def _vest():
    return [
        (
            "poly",
            [
                (0.36, 0.14),
                (0.50, 0.46),
                (0.64, 0.14),
                (0.72, 0.34),
                (0.72, 0.86),
                (0.28, 0.86),
                (0.28, 0.34),
            ],
        ),
        ("line", [(0.50, 0.46), (0.50, 0.86)]),
    ]


def _padding():
    parts = _top(0.78, 0.80)
    parts += [("line", [(0.28, y), (0.72, y)]) for y in (0.36, 0.50, 0.64)]
    parts += [("line", [(0.50, 0.21), (0.50, 0.80)])]
    return parts


def _coat():
    return [
        *_top(0.78, 0.95),
        ("poly", [(0.43, 0.21), (0.50, 0.50), (0.57, 0.21), (0.50, 0.25)]),
        ("line", [(0.50, 0.50), (0.50, 0.95)]),
        ("line", [(0.28, 0.56), (0.72, 0.56)]),
    ]


def _pants():
    return [
        (
            "poly",
            [
                (0.30, 0.10),
                (0.70, 0.10),
                (0.74, 0.92),
                (0.55, 0.92),
                (0.50, 0.32),
                (0.45, 0.92),
                (0.26, 0.92),
            ],
        ),
        ("line", [(0.30, 0.17), (0.70, 0.17)]),
    ]


def _shorts():
    return [
        (
            "poly",
            [
                (0.28, 0.22),
                (0.72, 0.22),
                (0.78, 0.64),
                (0.54, 0.66),
                (0.50, 0.44),
                (0.46, 0.66),
                (0.22, 0.64),
            ],
        ),
        ("line", [(0.28, 0.29), (0.72, 0.29)]),
    ]


def _skirt():
    return [
        ("poly", [(0.34, 0.16), (0.66, 0.16), (0.80, 0.84), (0.20, 0.84)]),
        ("line", [(0.34, 0.23), (0.66, 0.23)]),
        ("line", [(0.42, 0.23), (0.36, 0.84)]),
        ("line", [(0.58, 0.23), (0.64, 0.84)]),
    ]


def _sneaker():
    return [
        (
            "poly",
            [(0.12, 0.46), (0.34, 0.42), (0.50, 0.56), (0.86, 0.62), (0.90, 0.72), (0.10, 0.72)],
        ),
        ("poly", [(0.09, 0.72), (0.91, 0.72), (0.90, 0.78), (0.10, 0.78)]),
        ("line", [(0.36, 0.48), (0.46, 0.45)]),
        ("line", [(0.41, 0.53), (0.51, 0.50)]),
    ]


def _loafer():
    return [
        (
            "poly",
            [(0.12, 0.54), (0.40, 0.52), (0.62, 0.58), (0.86, 0.62), (0.90, 0.72), (0.10, 0.72)],
        ),
        ("poly", [(0.09, 0.72), (0.91, 0.72), (0.90, 0.76), (0.10, 0.76)]),
        ("line", [(0.46, 0.58), (0.62, 0.62)]),
    ]


def _boot():
    return [
        (
            "poly",
            [(0.22, 0.18), (0.50, 0.18), (0.52, 0.56), (0.84, 0.62), (0.88, 0.74), (0.18, 0.74)],
        ),
        ("poly", [(0.17, 0.74), (0.89, 0.74), (0.88, 0.80), (0.18, 0.80)]),
    ]


def _sandal():
    return [
        ("poly", [(0.10, 0.70), (0.90, 0.66), (0.91, 0.74), (0.10, 0.76)]),
        ("poly", [(0.36, 0.54), (0.50, 0.52), (0.54, 0.68), (0.34, 0.69)]),
        ("poly", [(0.62, 0.56), (0.76, 0.56), (0.80, 0.66), (0.60, 0.67)]),
    ]


def _tote():
    return [
        ("arc", [(0.34, 0.14), (0.66, 0.48)]),
        ("poly", [(0.22, 0.32), (0.78, 0.32), (0.82, 0.86), (0.18, 0.86)]),
    ]


def _backpack():
    return [
        ("arc", [(0.40, 0.10), (0.60, 0.26)]),
        ("poly", [(0.28, 0.20), (0.72, 0.20), (0.76, 0.88), (0.24, 0.88)]),
        ("poly", [(0.34, 0.56), (0.66, 0.56), (0.66, 0.80), (0.34, 0.80)]),
        ("line", [(0.28, 0.34), (0.72, 0.34)]),
    ]


def _crossbody():
    return [
        ("line", [(0.22, 0.50), (0.50, 0.12), (0.78, 0.50)]),
        ("poly", [(0.20, 0.48), (0.80, 0.48), (0.80, 0.82), (0.20, 0.82)]),
        ("line", [(0.20, 0.60), (0.80, 0.60)]),
    ]


def _cap():
    return [
        (
            "poly",
            [
                (0.22, 0.62),
                (0.26, 0.44),
                (0.38, 0.32),
                (0.52, 0.29),
                (0.64, 0.33),
                (0.74, 0.44),
                (0.78, 0.62),
            ],
        ),
        ("poly", [(0.60, 0.60), (0.94, 0.64), (0.92, 0.70), (0.58, 0.68)]),
        ("line", [(0.50, 0.30), (0.50, 0.62)]),
    ]


def _beanie():
    return [
        (
            "poly",
            [
                (0.26, 0.66),
                (0.28, 0.42),
                (0.38, 0.28),
                (0.50, 0.24),
                (0.62, 0.28),
                (0.72, 0.42),
                (0.74, 0.66),
            ],
        ),
        ("poly", [(0.24, 0.62), (0.76, 0.62), (0.76, 0.76), (0.24, 0.76)]),
        ("line", [(0.36, 0.64), (0.36, 0.74)]),
        ("line", [(0.50, 0.64), (0.50, 0.74)]),
        ("line", [(0.64, 0.64), (0.64, 0.74)]),
    ]


def _bucket():
    return [
        ("poly", [(0.34, 0.30), (0.66, 0.30), (0.72, 0.58), (0.28, 0.58)]),
        ("poly", [(0.28, 0.56), (0.72, 0.56), (0.90, 0.70), (0.10, 0.70)]),
    ]


def _unknown():
    return [("poly", [(0.28, 0.28), (0.72, 0.28), (0.72, 0.72), (0.28, 0.72)])]


SHAPES = {
    "tee": _tee,
    "polo": _polo,
    "tank": _tank,
    "sweat": _sweat,
    "hoodie": _hoodie,
    "shirt": _shirt,
    "jacket": _jacket,
    "vest": _vest,
    "padding": _padding,
    "coat": _coat,
    "pants": _pants,
    "shorts": _shorts,
    "skirt": _skirt,
    "sneaker": _sneaker,
    "loafer": _loafer,
    "boot": _boot,
    "sandal": _sandal,
    "tote": _tote,
    "backpack": _backpack,
    "crossbody": _crossbody,
    "cap": _cap,
    "beanie": _beanie,
    "bucket": _bucket,
    "unknown": _unknown,
}
