"""A photo of a person's own garment, as uploaded: checked (JPEG, PNG or WebP, at most 10 MB,
decodable to the last byte), its colour family found with rembg or the fallback mask, and a
first guess at its category and mid class for the person to confirm — from the name when one
is given and names a kind of garment, else from the silhouette's shape (tall and narrow: a
bottom; low and wide: shoes; otherwise a top). Pure: nothing is stored here.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from enrich.colors import color_from_name
from enrich.describe import combine_colors
from enrich.image import Masker, default_masker, image_color, work_image
from enrich.taxonomy import mid_class, mid_class_big

MAX_PHOTO_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# a first mid class for each category guessed from the silhouette alone
FIRST_GUESS = {"top": "t-shirt", "bottom": "pants", "shoes": "sneakers"}
TALL, LOW = 1.45, 0.75  # the silhouette's height / width above which a bottom, below shoes
THUMBNAIL_SIZE = 160


class PhotoError(ValueError):
    """An upload that is not a usable photo; `status` is the HTTP answer it deserves."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PhotoDescription:
    """What the photo says: colour family (and where from), the suggested category and mid
    class (and from what), and the silhouette's height / width."""

    color: str
    rgb: tuple[int, int, int]
    color_source: str
    category: str
    mid_class: str
    suggested_from: str  # "name" or "silhouette"
    silhouette: float
    foreground: float


def read_photo(data: bytes) -> Image.Image:
    """The uploaded bytes as an RGB image (transparency on white, EXIF orientation applied);
    PhotoError (413 too big, 415 not JPEG/PNG/WebP, 422 damaged) otherwise."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(f"the photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB", 413)
    if not data:
        raise PhotoError("the photo is empty", 422)
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError):
        raise PhotoError("not an image: send a JPEG, PNG or WebP photo", 415) from None
    if image.format not in FORMATS:
        raise PhotoError(f"a {image.format} image: send a JPEG, PNG or WebP photo", 415)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoError(f"the {image.format} photo is damaged or cut off ({error})", 422) from None
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(canvas, rgba)
    return image.convert("RGB")


def silhouette_ratio(mask: np.ndarray) -> float:
    """Height / width of the foreground's bounding box (of the whole image when empty)."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if len(rows) == 0 or len(cols) == 0:
        return mask.shape[0] / max(mask.shape[1], 1)
    return float(rows[-1] - rows[0] + 1) / float(cols[-1] - cols[0] + 1)


def guess_category(ratio: float) -> str:
    """A first guess from the silhouette: tall and narrow a bottom, low and wide shoes."""
    if ratio >= TALL:
        return "bottom"
    if ratio <= LOW:
        return "shoes"
    return "top"


def describe_photo(
    data: bytes, name: str | None = None, masker: Masker | None = None
) -> PhotoDescription:
    """The colour family of the garment in the photo and a category and mid class to confirm."""
    image = read_photo(data)
    masker = masker or default_masker()
    small = work_image(image)
    mask = masker.mask(small)
    found = image_color(image, masker, mask)
    ratio = silhouette_ratio(mask) if found.foreground < 0.98 else small.height / small.width
    named = mid_class(name, None) if name else None
    if named is not None:
        category, mid, source = mid_class_big(named)[0], named, "name"
    else:
        category = guess_category(ratio)
        mid, source = FIRST_GUESS[category], "silhouette"
    color, color_source = combine_colors(color_from_name(name) if name else None, found)
    return PhotoDescription(
        color=color or found.family,
        rgb=found.rgb,
        color_source=color_source,
        category=category,
        mid_class=mid,
        suggested_from=source,
        silhouette=round(ratio, 3),
        foreground=round(found.foreground, 3),
    )


def thumbnail_data_url(data: bytes) -> str:
    """A small JPEG of the photo as a data: URL (what is kept when a thumbnail is asked for)."""
    image = read_photo(data)
    image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
