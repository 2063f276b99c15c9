"""Mid class and colour of one product, exactly as enrichment derives them.

How name and image colour combine was decided by measurement (README, bench/enrich_colors.py):
on the real MUSINSA names the colour word, when present, is right far more often than the best
image pipeline is on product photos, and a product's name states the colour variant sold, so a
colour named in the name wins; the image decides only when the name names none.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from core.vocabulary import COLOR_FAMILIES
from enrich.colors import color_from_name
from enrich.image import ImageColor, Masker, image_color, load_image
from enrich.taxonomy import big_category, mid_class


class UnknownCategory(ValueError):
    """A category that is neither a kept big category nor a known dropped one."""


@dataclass(frozen=True)
class Description:
    """What enrichment says about one product."""

    mid_class: str | None
    color: str | None
    rgb: list[int] | None
    color_source: str  # "name", "image/rembg", "image/fallback", "image/whole" or "none"

    def as_dict(self) -> dict[str, object]:
        """The JSON object `closet describe` prints."""
        return asdict(self)


def resolve_category(category: str | None) -> str | None:
    """The big class for a user-given category; UnknownCategory when it names nothing known."""
    if category is None:
        return None
    big = big_category(category)
    if big is None:
        raise UnknownCategory(
            f"category {category!r} is not one of top, bottom, outer, shoes, bag, hat "
            "(or their MUSINSA names 상의, 하의, 아우터, 신발, 가방, 모자)"
        )
    return big


def combine_colors(name_color: str | None, found: ImageColor | None) -> tuple[str | None, str]:
    """The colour family and its source: the name's when it has one, else the image's."""
    if name_color:
        return name_color, "name"
    if found is not None:
        return found.family, f"image/{found.method}"
    return None, "none"


def describe(
    name: str | None = None,
    big: str | None = None,
    image: Image.Image | str | Path | bytes | None = None,
    masker: Masker | None = None,
    category_path: str | None = None,
) -> Description:
    """Mid class, colour family, RGB and colour source of one product.

    `big` is a big class (top/bottom/...); `image` a PIL image, bytes, a path or a URL. The image
    is only looked at when the name names no colour. RGB is the measured dominant colour when the
    image decided, the family's canonical RGB when the name did.
    """
    mid = mid_class(name or "", big, category_path) if (name or category_path) else None
    name_color = color_from_name(name) if name else None
    found = None
    if name_color is None and image is not None:
        from enrich.image import default_masker

        picture = image if isinstance(image, Image.Image) else load_image(image)
        found = image_color(picture, masker or default_masker())
    color, source = combine_colors(name_color, found)
    rgb: list[int] | None
    if found is not None and source.startswith("image/"):
        rgb = list(found.rgb)
    else:
        rgb = list(COLOR_FAMILIES[color]) if color else None
    return Description(mid_class=mid, color=color, rgb=rgb, color_source=source)
