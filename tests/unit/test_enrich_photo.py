"""A photo of one's own piece: the upload checks (format, size, damage), the colour family and
the category guessed from generated garment pictures, the name's word winning over the shape,
and the thumbnail."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from enrich.image import FallbackMasker
from enrich.photo import (
    MAX_PHOTO_BYTES,
    PhotoError,
    describe_photo,
    guess_category,
    read_photo,
    thumbnail_data_url,
)
from enrich.synthetic import render


def photo(kind: str, family: str, fmt: str = "PNG", seed: int = 1) -> bytes:
    out = io.BytesIO()
    render(kind, family, "white", np.random.default_rng(seed)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "family", "fmt", "category"),
    [
        ("top", "red", "PNG", "top"),
        ("trousers", "navy", "JPEG", "bottom"),
        ("shoes", "green", "WEBP", "shoes"),
    ],
)
def test_colour_and_category_from_the_picture(
    kind: str, family: str, fmt: str, category: str
) -> None:
    found = describe_photo(photo(kind, family, fmt), masker=FallbackMasker())
    assert found.color == family
    assert found.color_source == "image/fallback"
    assert found.category == category
    assert found.suggested_from == "silhouette"


def test_a_garment_word_in_the_name_wins_over_the_shape() -> None:
    found = describe_photo(photo("top", "red"), "my wool cardigan", FallbackMasker())
    assert (found.category, found.mid_class, found.suggested_from) == ("top", "cardigan", "name")
    assert found.color == "red"
    named = describe_photo(photo("top", "red"), "black hoodie", FallbackMasker())
    assert named.color == "black"  # a colour the name states wins, as in enrichment
    assert named.color_source == "name"


def test_the_silhouette_thresholds() -> None:
    assert guess_category(1.7) == "bottom"
    assert guess_category(1.0) == "top"
    assert guess_category(0.5) == "shoes"


def test_uploads_that_are_not_photos_are_refused() -> None:
    with pytest.raises(PhotoError) as text:
        read_photo(b"these are not the pixels you are looking for")
    assert text.value.status == 415
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    with pytest.raises(PhotoError, match="GIF") as other:
        read_photo(gif.getvalue())
    assert other.value.status == 415
    whole = photo("top", "red", "JPEG")
    with pytest.raises(PhotoError, match="damaged or cut off") as cut:
        read_photo(whole[: len(whole) // 2])
    assert cut.value.status == 422
    with pytest.raises(PhotoError) as big:
        read_photo(whole + b"\0" * MAX_PHOTO_BYTES)
    assert big.value.status == 413
    with pytest.raises(PhotoError) as empty:
        read_photo(b"")
    assert empty.value.status == 422


def test_transparency_is_shown_on_white() -> None:
    rgba = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    out = io.BytesIO()
    rgba.save(out, "PNG")
    assert read_photo(out.getvalue()).getpixel((5, 5)) == (255, 255, 255)


def test_the_thumbnail_is_a_small_jpeg() -> None:
    url = thumbnail_data_url(photo("top", "red"))
    assert url.startswith("data:image/jpeg;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert image.format == "JPEG"
    assert max(image.size) <= 160
    assert len(url) < 16_000
