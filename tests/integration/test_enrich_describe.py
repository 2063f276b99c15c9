"""`closet describe`: one JSON object per product, from the code enrichment uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from enrich.describe import combine_colors, describe
from enrich.image import FallbackMasker, ImageColor
from enrich.synthetic import render


def closet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "closet", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def green_bag(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("img") / "bag.png"
    render("bag", "green", "grey", np.random.default_rng(3), shadow=True).save(path)
    return path


def test_describe_from_name() -> None:
    done = closet("describe", "--name", "데이시즌 스몰체크셔츠 스카이블루", "--category", "상의")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "mid_class": "shirt",
        "color": "sky-blue",
        "rgb": [140, 190, 228],
        "color_source": "name",
    }


def test_describe_from_image_with_the_fallback_mask(green_bag: Path) -> None:
    done = closet(
        "describe",
        "--name",
        "Mini Tote",
        "--category",
        "bag",
        "--image",
        str(green_bag),
        "--masker",
        "fallback",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["mid_class"] == "tote"
    assert result["color"] == "green"
    assert result["color_source"] == "image/fallback"
    assert len(result["rgb"]) == 3


def test_name_colour_wins_over_the_image(green_bag: Path) -> None:
    result = describe("Mini Tote Black", "bag", green_bag, FallbackMasker())
    assert (result.color, result.color_source) == ("black", "name")
    assert combine_colors(None, ImageColor((1, 2, 3), "red", 1.0, "rembg", 0.4)) == (
        "red",
        "image/rembg",
    )
    assert combine_colors(None, None) == (None, "none")


def test_describe_without_colour() -> None:
    done = closet("describe", "--name", "김씨네과일 복숭아")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "mid_class": None,
        "color": None,
        "rgb": None,
        "color_source": "none",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give at least"),
        (("--name", "x", "--category", "액세서리"), "is not one of"),
        (("--image", "/no/such/file.png"), "no such image file"),
        (("--name", "x", "--image", "/etc/hostname", "--masker", "magic"), "--masker"),
    ],
)
def test_describe_bad_input_exits_2_without_traceback(args: tuple[str, ...], message: str) -> None:
    done = closet("describe", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
