"""A labelled set of product images with known dominant colours, generated (no downloads).

Garment silhouettes (top, trousers, outerwear, shoes, bag) drawn in a colour of a known family,
with lighting, folds, prints, logos and second colours that never outweigh the main one, on
white, grey, gradient and textured backgrounds with soft shadows. Deterministic for a seed, so a
test can assert on a fixed subset and the benchmark on the full set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from core.vocabulary import COLOR_FAMILIES
from enrich.colors import nearest_family, srgb_to_lab

KINDS = ("top", "trousers", "outer", "shoes", "bag")
BACKGROUNDS = ("white", "grey", "gradient", "textured")
SIZE = 256
_SCALE = 2  # drawn at twice the size, then downsampled (anti-aliasing)


@dataclass(frozen=True)
class Sample:
    """One generated product image and what it shows."""

    index: int
    image: Image.Image
    family: str  # the dominant colour family (the label)
    kind: str
    background: str
    second: str | None  # the second colour family of multi-coloured items
    printed: bool
    shadow: bool


def _jitter(family: str, rng: np.random.Generator) -> tuple[int, int, int]:
    """A colour near the family's canonical RGB that stays closest to that family."""
    base = np.array(COLOR_FAMILIES[family], dtype=np.float64)
    for _ in range(20):
        candidate = np.clip(base + rng.normal(0, 7, 3), 0, 255)
        if nearest_family(candidate)[0] == family:
            return tuple(int(round(c)) for c in candidate)  # type: ignore[return-value]
    return tuple(int(c) for c in base)  # type: ignore[return-value]


def _other_family(family: str, rng: np.random.Generator) -> str:
    """A second colour clearly different from the first (ΔE-wise)."""
    names = [n for n in COLOR_FAMILIES if n != family]
    base = srgb_to_lab(np.array(COLOR_FAMILIES[family], dtype=np.float64))
    far = [
        n
        for n in names
        if np.linalg.norm(srgb_to_lab(np.array(COLOR_FAMILIES[n], dtype=np.float64)) - base) > 30
    ]
    return str(rng.choice(far or names))


def _background(kind: str, rng: np.random.Generator, size: int) -> np.ndarray:
    if kind == "white":
        level = rng.uniform(244, 255)
        return np.full((size, size, 3), level)
    if kind == "grey":
        level = rng.uniform(195, 230)
        tint = rng.normal(0, 2, 3)
        return np.full((size, size, 3), level) + tint
    ys, xs = np.mgrid[0:size, 0:size] / (size - 1)
    if kind == "gradient":
        top, bottom = rng.uniform(235, 255), rng.uniform(175, 215)
        radial = np.clip(np.hypot(xs - 0.5, ys - 0.45) * 1.4, 0, 1)
        t = ys if rng.random() < 0.5 else radial
        level = top + (bottom - top) * t
        tint = rng.normal(0, 3, 3)
        return level[..., None] + tint
    # textured: a light paper/linen surface with a weave and grain
    base = rng.uniform(215, 245)
    tint = rng.normal(0, 4, 3)
    period = rng.uniform(3, 7) * _SCALE
    weave = 4 * np.sin(2 * np.pi * xs * size / period) * np.sin(2 * np.pi * ys * size / period)
    grain = rng.normal(0, 5, (size, size))
    return (base + weave + grain)[..., None] + tint


def _polygon(points: list[tuple[float, float]], size: int) -> list[tuple[float, float]]:
    return [(x * size, y * size) for x, y in points]


def _draw_shape(kind: str, rng: np.random.Generator, size: int) -> tuple[Image.Image, Image.Image]:
    """The garment mask ("L") and a mask of its secondary region (sleeves, sole, trim)."""
    mask = Image.new("L", (size, size), 0)
    second = Image.new("L", (size, size), 0)
    d, d2 = ImageDraw.Draw(mask), ImageDraw.Draw(second)
    s = rng.uniform(0.85, 1.0)
    ox, oy = rng.uniform(-0.04, 0.04), rng.uniform(-0.04, 0.04)

    def p(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return _polygon(
            [(0.5 + (x - 0.5) * s + ox, 0.5 + (y - 0.5) * s + oy) for x, y in points], size
        )

    if kind == "top":
        body = [
            (0.32, 0.18),
            (0.42, 0.14),
            (0.5, 0.19),
            (0.58, 0.14),
            (0.68, 0.18),
            (0.9, 0.34),
            (0.82, 0.45),
            (0.7, 0.38),
            (0.7, 0.86),
            (0.3, 0.86),
            (0.3, 0.38),
            (0.18, 0.45),
            (0.1, 0.34),
        ]
        d.polygon(p(body), fill=255)
        d2.polygon(p([(0.68, 0.18), (0.9, 0.34), (0.82, 0.45), (0.7, 0.38)]), fill=255)
        d2.polygon(p([(0.32, 0.18), (0.1, 0.34), (0.18, 0.45), (0.3, 0.38)]), fill=255)
    elif kind == "trousers":
        legs = [
            (0.3, 0.1),
            (0.7, 0.1),
            (0.74, 0.92),
            (0.55, 0.92),
            (0.5, 0.38),
            (0.45, 0.92),
            (0.26, 0.92),
        ]
        d.polygon(p(legs), fill=255)
        d2.polygon(p([(0.3, 0.1), (0.7, 0.1), (0.705, 0.16), (0.295, 0.16)]), fill=255)
        d2.polygon(p([(0.735, 0.84), (0.74, 0.92), (0.55, 0.92), (0.545, 0.84)]), fill=255)
        d2.polygon(p([(0.455, 0.84), (0.45, 0.92), (0.26, 0.92), (0.265, 0.84)]), fill=255)
    elif kind == "outer":
        coat = [
            (0.33, 0.1),
            (0.44, 0.07),
            (0.5, 0.14),
            (0.56, 0.07),
            (0.67, 0.1),
            (0.84, 0.3),
            (0.9, 0.78),
            (0.8, 0.8),
            (0.74, 0.42),
            (0.74, 0.94),
            (0.26, 0.94),
            (0.26, 0.42),
            (0.2, 0.8),
            (0.1, 0.78),
            (0.16, 0.3),
        ]
        d.polygon(p(coat), fill=255)
        d2.polygon(
            p([(0.44, 0.07), (0.5, 0.14), (0.56, 0.07), (0.55, 0.3), (0.5, 0.4), (0.45, 0.3)]),
            fill=255,
        )
    elif kind == "shoes":
        for dx, dy in ((0.0, 0.0), (0.06, 0.2)):
            shoe = [
                (0.12 + dx, 0.36 + dy),
                (0.42 + dx, 0.3 + dy),
                (0.55 + dx, 0.4 + dy),
                (0.86 + dx, 0.46 + dy),
                (0.88 + dx, 0.56 + dy),
                (0.12 + dx, 0.56 + dy),
            ]
            d.polygon(p(shoe), fill=255)
            d2.polygon(
                p(
                    [
                        (0.12 + dx, 0.52 + dy),
                        (0.88 + dx, 0.52 + dy),
                        (0.88 + dx, 0.56 + dy),
                        (0.12 + dx, 0.56 + dy),
                    ]
                ),
                fill=255,
            )
    else:  # bag
        box = p([(0.18, 0.36), (0.82, 0.92)])
        d.rounded_rectangle([box[0], box[1]], radius=int(0.05 * size), fill=255)
        handle = p([(0.32, 0.12), (0.68, 0.6)])
        d.arc([handle[0], handle[1]], 180, 360, fill=255, width=int(0.045 * size))
        d2.arc([handle[0], handle[1]], 180, 360, fill=255, width=int(0.045 * size))
        flap = p([(0.18, 0.36), (0.82, 0.5)])
        d2.rectangle([flap[0], flap[1]], fill=255)
    return mask, second


def render(
    kind: str,
    family: str,
    background: str,
    rng: np.random.Generator,
    *,
    second: str | None = None,
    printed: bool = False,
    shadow: bool = False,
) -> Image.Image:
    """One product image: a `kind` garment of colour `family` on a `background`."""
    size = SIZE * _SCALE
    canvas = _background(background, rng, size)
    mask_img, second_img = _draw_shape(kind, rng, size)
    mask = np.asarray(mask_img, dtype=np.float64) / 255
    if shadow:
        blur = mask_img.filter(ImageFilter.GaussianBlur(radius=int(rng.uniform(6, 14) * _SCALE)))
        shift = (int(rng.uniform(4, 10) * _SCALE), int(rng.uniform(5, 12) * _SCALE))
        shade = np.roll(np.asarray(blur, dtype=np.float64) / 255, shift, axis=(0, 1))
        canvas = canvas * (1 - rng.uniform(0.18, 0.32) * shade[..., None])

    colour = np.array(_jitter(family, rng), dtype=np.float64)
    garment = np.broadcast_to(colour, (size, size, 3)).copy()
    if second is not None:
        other = np.array(_jitter(second, rng), dtype=np.float64)
        region = np.asarray(second_img, dtype=np.float64) / 255
        if kind in ("top", "outer") and rng.random() < 0.5:
            # stripes instead of a trim: about a quarter of the surface
            ys = np.arange(size)[:, None] / size
            period = rng.uniform(0.06, 0.12)
            region = np.broadcast_to(((ys / period) % 1.0 < 0.25).astype(float), (size, size))
        garment = garment * (1 - region[..., None]) + other * region[..., None]

    # lighting: a soft diagonal gradient and a few folds
    ys, xs = np.mgrid[0:size, 0:size] / (size - 1)
    light = 1 + rng.uniform(-0.06, 0.06) * (xs - 0.5) + rng.uniform(-0.08, 0.04) * (ys - 0.5)
    folds = Image.new("L", (size, size), 0)
    fd = ImageDraw.Draw(folds)
    for _ in range(int(rng.integers(2, 6))):
        x0, y0 = rng.uniform(0.2, 0.8, 2) * size
        x1, y1 = x0 + rng.normal(0, 0.08) * size, y0 + rng.uniform(0.1, 0.3) * size
        fd.line([(x0, y0), (x1, y1)], fill=255, width=int(rng.uniform(3, 7) * _SCALE))
    fold = np.asarray(folds.filter(ImageFilter.GaussianBlur(4 * _SCALE)), dtype=np.float64) / 255
    garment = garment * (light - 0.12 * fold)[..., None]

    if printed:
        art = Image.new("L", (size, size), 0)
        ad = ImageDraw.Draw(art)
        cx, cy = rng.uniform(0.42, 0.58) * size, rng.uniform(0.45, 0.6) * size
        r = rng.uniform(0.04, 0.08) * size
        shape = rng.integers(0, 3)
        if shape == 0:
            ad.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
        elif shape == 1:
            ad.rectangle([cx - 1.6 * r, cy - 0.6 * r, cx + 1.6 * r, cy + 0.6 * r], fill=255)
        else:
            ad.text((cx - r, cy - r / 2), "LOGO", fill=255, font_size=int(r))
        ink = np.array(COLOR_FAMILIES[_other_family(family, rng)], dtype=np.float64)
        art_mask = (np.asarray(art, dtype=np.float64) / 255) * mask
        garment = garment * (1 - art_mask[..., None]) + ink * art_mask[..., None]

    out = canvas * (1 - mask[..., None]) + garment * mask[..., None]
    out += rng.normal(0, 1.5, out.shape)  # sensor noise
    picture = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    return picture.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def generate(count: int, seed: int = 0) -> Iterator[Sample]:
    """`count` labelled samples, cycling through kinds and backgrounds, colours at random."""
    families = list(COLOR_FAMILIES)
    for index in range(count):
        rng = np.random.default_rng([seed, index])
        kind = KINDS[index % len(KINDS)]
        background = BACKGROUNDS[(index // len(KINDS)) % len(BACKGROUNDS)]
        family = families[int(rng.integers(len(families)))]
        second = _other_family(family, rng) if rng.random() < 0.3 else None
        printed = bool(rng.random() < 0.35)
        shadow = bool(rng.random() < 0.6)
        image = render(kind, family, background, rng, second=second, printed=printed, shadow=shadow)
        yield Sample(index, image, family, kind, background, second, printed, shadow)
