"""Dominant garment colour of a product photo: foreground mask, then colorgram, then CIELAB.

Three ways to pick the pixels colorgram sees:

* `RembgMasker` — rembg with the u2netp model (see `enrich.models`; loaded from U2NET_HOME, never
  downloaded at run time);
* `FallbackMasker` — no model: a smooth background surface (uniform, gradient) is fitted to the
  image border in CIELAB and the pixels that match it and connect to the border are flood-filled
  away, which removes studio backgrounds, gradients, light texture and soft shadows;
* `WholeImage` — no mask at all (the baseline the benchmark compares against).

colorgram ignores alpha (a transparent background would count as black), so only the opaque
foreground pixels are handed to it, as a one-column RGB image. Its most frequent colour is
mapped to the nearest colour family by CIEDE2000.
"""

from __future__ import annotations

import io
import os
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import colorgram
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from scipy import ndimage

from enrich.colors import nearest_family, srgb_to_lab
from enrich.models import u2net_home, u2netp_path, u2netp_ready

WORK_SIZE = 256  # longest side the masks work at
MAX_COLORGRAM_PIXELS = 4096  # colorgram is pure Python: sample at most this many pixels
MAX_IMAGE_BYTES = 15 * 1024 * 1024
MIN_FOREGROUND = 0.01  # below this share of the image, the mask is ignored


class ImageError(ValueError):
    """An image could not be read (missing file, unreachable URL, not an image)."""


@dataclass(frozen=True)
class ImageColor:
    """The dominant colour found in an image."""

    rgb: tuple[int, int, int]
    family: str
    delta_e: float
    method: str  # "rembg", "fallback" or "whole"
    foreground: float  # share of the image the mask kept (1.0 for "whole")


class Masker(Protocol):
    """Something that says which pixels of an image are the product."""

    name: str

    def mask(self, image: Image.Image) -> np.ndarray:
        """A boolean foreground mask with the image's shape (height, width)."""
        ...


class WholeImage:
    """Every pixel is foreground (colorgram on the whole image)."""

    name = "whole"

    def mask(self, image: Image.Image) -> np.ndarray:
        return np.ones((image.height, image.width), dtype=bool)


class FallbackMasker:
    """Model-free background removal by flood fill from the border.

    A quadratic surface per CIELAB channel is fitted to the (blurred) border pixels, robustly,
    so uniform, gradient and lightly textured backgrounds are modelled; pixels close to it
    (lightness weighted down, so soft shadows count as background) that connect to the border
    are background.
    """

    name = "fallback"

    def __init__(self, tolerance: float = 9.0, lightness_weight: float = 0.35) -> None:
        self.tolerance = tolerance
        self.lightness_weight = lightness_weight

    def mask(self, image: Image.Image) -> np.ndarray:
        small = _shrink(image, WORK_SIZE)
        rgb = np.asarray(small, dtype=np.float64)
        blurred = ndimage.gaussian_filter(rgb, sigma=(1.5, 1.5, 0))
        lab = srgb_to_lab(blurred)
        h, w = lab.shape[:2]
        ring = np.zeros((h, w), dtype=bool)
        band = max(2, min(h, w) // 64)
        ring[:band, :] = ring[-band:, :] = ring[:, :band] = ring[:, -band:] = True

        ys, xs = np.mgrid[0:h, 0:w]
        u, v = xs / max(w - 1, 1) - 0.5, ys / max(h - 1, 1) - 0.5
        design = np.stack([np.ones_like(u), u, v, u * u, v * v, u * v], axis=-1)
        a_ring, y_ring = design[ring], lab[ring]
        keep = np.ones(len(a_ring), dtype=bool)
        for _ in range(3):  # drop border pixels the product touches, refit
            coef, *_ = np.linalg.lstsq(a_ring[keep], y_ring[keep], rcond=None)
            residual = self._distance(y_ring - a_ring @ coef)
            cut = max(self.tolerance, 3.0 * float(np.median(residual[keep])) + 1e-6)
            keep = residual < cut
            if keep.sum() < 0.2 * len(keep):
                keep = residual <= np.quantile(residual, 0.5)
        model = design @ coef
        distance = self._distance(lab - model)
        noise = float(np.quantile(self._distance(y_ring[keep] - a_ring[keep] @ coef), 0.95))
        candidate = distance < max(self.tolerance, 1.5 * noise)
        labels, _ = ndimage.label(candidate)
        border_labels = np.unique(labels[ring & candidate])
        background = np.isin(labels, border_labels[border_labels > 0])
        foreground = ndimage.binary_opening(~background, iterations=1)
        if foreground.shape != (image.height, image.width):
            foreground = _resize_mask(foreground, image.size)
        return foreground

    def _distance(self, delta: np.ndarray) -> np.ndarray:
        return np.sqrt(
            (self.lightness_weight * delta[..., 0]) ** 2 + delta[..., 1] ** 2 + delta[..., 2] ** 2
        )


class RembgMasker:
    """rembg's u2netp salient-object mask (needs the model in U2NET_HOME; no network)."""

    name = "rembg"

    def __init__(self, home: Path | None = None, threads: int | None = None) -> None:
        self.home = home or u2net_home()
        if not u2netp_ready(self.home):
            raise ModelMissing(
                f"u2netp model not found (or wrong md5) at {u2netp_path(self.home)}; "
                "run `closet models fetch`"
            )
        self.threads = threads
        self._session: Any = None

    def _get_session(self) -> Any:
        if self._session is None:
            # rembg resolves models below U2NET_HOME and only downloads when the file is absent
            os.environ["U2NET_HOME"] = str(self.home)
            import onnxruntime as ort
            from rembg import new_session

            options = ort.SessionOptions()
            if self.threads:
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = new_session(
                "u2netp", sess_opts=options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def mask(self, image: Image.Image) -> np.ndarray:
        from rembg import remove

        small = _shrink(image, 320)
        alpha = remove(small, session=self._get_session(), only_mask=True)
        foreground = np.asarray(alpha, dtype=np.uint8) >= 128
        if foreground.shape != (image.height, image.width):
            foreground = _resize_mask(foreground, image.size)
        return foreground


class ModelMissing(RuntimeError):
    """The rembg model is not installed."""


def default_masker(prefer: str = "auto", threads: int | None = None) -> Masker:
    """rembg when its model is installed ("auto"/"rembg"), else the fallback mask.

    `prefer` is one of "auto", "rembg" (error when the model is missing), "fallback", "whole".
    """
    if prefer == "whole":
        return WholeImage()
    if prefer == "fallback":
        return FallbackMasker()
    if prefer == "rembg":
        return RembgMasker(threads=threads)
    if prefer != "auto":
        raise ValueError(f"unknown masker {prefer!r} (auto, rembg, fallback, whole)")
    if u2netp_ready():
        try:
            import rembg  # noqa: F401
        except ImportError:
            return FallbackMasker()
        return RembgMasker(threads=threads)
    return FallbackMasker()


def dominant_rgb(pixels: np.ndarray, seed: int = 0) -> tuple[int, int, int]:
    """colorgram's most frequent colour among (N, 3) uint8 pixels (sampled to at most 4096)."""
    if len(pixels) == 0:
        raise ValueError("no pixels")
    if len(pixels) > MAX_COLORGRAM_PIXELS:
        rng = np.random.default_rng(seed)
        pixels = pixels[rng.choice(len(pixels), MAX_COLORGRAM_PIXELS, replace=False)]
    column = Image.fromarray(np.ascontiguousarray(pixels.reshape(-1, 1, 3).astype(np.uint8)))
    colors = colorgram.extract(column, 6)
    best = max(colors, key=lambda c: c.proportion)
    return int(best.rgb.r), int(best.rgb.g), int(best.rgb.b)


def work_image(image: Image.Image) -> Image.Image:
    """The image as the masks work on it: RGB, its longest side at most WORK_SIZE."""
    return _shrink(image.convert("RGB"), WORK_SIZE)


def image_color(image: Image.Image, masker: Masker, mask: np.ndarray | None = None) -> ImageColor:
    """The dominant colour family of the product in an image, using the given mask (or the
    foreground `mask` already computed by it on `work_image(image)`)."""
    small = work_image(image)
    mask = masker.mask(small) if mask is None else mask
    share = float(mask.mean())
    if share >= MIN_FOREGROUND and masker.name != "whole":
        inner = ndimage.binary_erosion(mask, iterations=2)
        if inner.sum() >= 0.3 * mask.sum():
            mask = inner
    else:
        mask = np.ones_like(mask)
        share = 1.0 if masker.name == "whole" else share
    pixels = np.asarray(small, dtype=np.uint8)[mask]
    rgb = dominant_rgb(pixels)
    family, delta = nearest_family(rgb)
    return ImageColor(rgb=rgb, family=family, delta_e=delta, method=masker.name, foreground=share)


def load_image(source: str | Path | bytes, timeout: float = 5.0) -> Image.Image:
    """Open an image from bytes, a path, or a file:/http(s): URL (with a timeout)."""
    if isinstance(source, bytes):
        data = source
    else:
        text = str(source)
        scheme = urllib.parse.urlparse(text).scheme.lower()
        if scheme in ("http", "https", "file"):
            data = fetch_bytes(text, timeout)
        else:
            path = Path(text).expanduser()
            if not path.is_file():
                raise ImageError(f"no such image file: {path}")
            data = path.read_bytes()[: MAX_IMAGE_BYTES + 1]
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError("image larger than 15 MiB")
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise ImageError(f"not a readable image: {error}") from None
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        # composite transparency on white, as a product shot would be shown
        rgba = image.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(canvas, rgba)
    return image.convert("RGB")


def fetch_bytes(url: str, timeout: float = 5.0) -> bytes:
    """The body of a file:, http: or https: URL, at most 15 MiB, or ImageError."""
    scheme = urllib.parse.urlparse(url).scheme.lower()
    if scheme not in ("http", "https", "file"):
        raise ImageError(f"unsupported URL scheme: {scheme or '(none)'}")
    request = urllib.request.Request(url, headers={"User-Agent": "closet-enrich/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_IMAGE_BYTES + 1)
    except (OSError, ValueError) as error:
        raise ImageError(f"cannot fetch {url}: {error}") from None
    return data


def _shrink(image: Image.Image, size: int) -> Image.Image:
    if max(image.size) <= size:
        return image
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.BILINEAR)
    return copy


def _resize_mask(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    picture = Image.fromarray(mask.astype(np.uint8) * 255)
    return np.asarray(picture.resize(size, Image.Resampling.NEAREST)) >= 128
