"""The course's generated stand-in for SVHN: house numbers drawn from fonts.

SVHN cannot be shipped (non-commercial licence) and cannot be downloaded here,
so chapter 11 runs, when a student lacks SVHN's files, on house numbers that
this module draws. The recipe is SynthDigits (Ganin and Lempitsky, 2015),
which research uses in place of SVHN, following SVHN's own description
(Netzer et al., 2011): a centred digit with parts of its neighbours, in paint
and plate colours of their own, on a plain, graded or textured background,
then rotation, perspective, blur, noise and JPEG compression, at 32x32 RGB.
The fonts are the DejaVu and STIX fonts that matplotlib ships; Pillow draws.

Everything comes from one seeded NumPy generator, so the same packages give
the same bytes on every machine (a test pins the checksum). It is generated,
not photographed: the chapter names it so wherever it shows a result.
Explained in chapter 11.
"""

import io
from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = 32
# Raised whenever the recipe changes what it draws, so that no cached set of
# an older recipe is read as this one (lessons_src.house_numbers).
RECIPE_VERSION = 1
CANVAS = 64  # drawn at twice the size, then reduced: smoother edges
FONT_FILES = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "STIXGeneral.ttf",
    "STIXGeneralBol.ttf",
    "DejaVuSans-Oblique.ttf",
]


def _fonts(size: int) -> list[ImageFont.FreeTypeFont]:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return [
        ImageFont.truetype(str(folder / name), size) for name in FONT_FILES
    ]


def _colours(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A plate colour and a paint colour, often muted, that differ in
    brightness, as a house number must to be read."""
    while True:
        plate = _muted(rng, rng.integers(0, 256, size=3))
        paint = _muted(rng, rng.integers(0, 256, size=3))
        if abs(_brightness(plate) - _brightness(paint)) > 70:
            return plate, paint


def _muted(rng: np.random.Generator, rgb: np.ndarray) -> np.ndarray:
    """``rgb`` moved a random part of the way towards its own grey."""
    grey = _brightness(rgb)
    return (rgb + rng.uniform(0, 0.8) * (grey - rgb)).astype(np.float32)


def _brightness(rgb: np.ndarray) -> float:
    return float(rgb @ np.array([0.299, 0.587, 0.114]))


def _background(rng: np.random.Generator, plate: np.ndarray) -> np.ndarray:
    """CANVAS x CANVAS x 3 float: a plain, graded or textured plate."""
    kind = rng.integers(3)
    base = np.broadcast_to(plate, (CANVAS, CANVAS, 3)).astype(np.float32)
    if kind == 1:  # graded: plate colour towards a second colour
        other = rng.integers(0, 256, size=3).astype(np.float32)
        angle = rng.uniform(0, 2 * np.pi)
        ramp = (
            np.cos(angle) * np.arange(CANVAS)[None, :]
            + np.sin(angle) * np.arange(CANVAS)[:, None]
        )
        ramp = (ramp - ramp.min()) / (np.ptp(ramp) + 1e-6)
        weight = rng.uniform(0.2, 0.6) * ramp[..., None]
        base = base * (1 - weight) + other * weight
    elif kind == 2:  # textured: smooth random blotches, like brick or wood
        coarse = rng.normal(0, rng.uniform(10, 35), size=(8, 8, 1))
        texture = np.asarray(
            Image.fromarray(coarse[..., 0].astype(np.float32)).resize(
                (CANVAS, CANVAS), Image.BICUBIC
            )
        )
        base = base + texture[..., None]
    return base


def _draw_digits(
    rng: np.random.Generator,
    fonts: list[ImageFont.FreeTypeFont],
    digit: int,
) -> np.ndarray:
    """CANVAS x CANVAS mask in [0, 1]: ``digit`` centred, with parts of a
    neighbour on either side (each present or not)."""
    font = fonts[rng.integers(len(fonts))]
    left, right = (int(d) for d in rng.integers(0, 10, size=2))
    has_left, has_right = (bool(p < 0.75) for p in rng.random(2))
    chars = [left] if has_left else []
    chars += [digit] + ([right] if has_right else [])
    centre = int(has_left)
    gap = int(rng.integers(-2, 8))  # between characters, in canvas pixels
    widths = [font.getlength(str(ch)) for ch in chars]
    lefts = np.cumsum([0.0] + [w + gap for w in widths[:-1]])
    x0, y0, x1, y1 = font.getbbox(str(digit))
    # SVHN's crops are centred on the digit's box, a pixel or two off
    off_x, off_y = rng.uniform(-4, 4, size=2)
    shift = CANVAS / 2 + off_x - (lefts[centre] + (x0 + x1) / 2)
    top = CANVAS / 2 + off_y - (y0 + y1) / 2
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    draw = ImageDraw.Draw(mask)
    for ch, x in zip(chars, lefts):
        jitter = int(rng.integers(-2, 3))  # digits are not quite level
        draw.text((x + shift, top + jitter), str(ch), fill=255, font=font)
    return np.asarray(mask, dtype=np.float32) / 255.0


def _perspective(rng: np.random.Generator) -> list[float]:
    """Coefficients of a small random rotation, scale, shear and
    perspective about the canvas centre (Pillow's PERSPECTIVE transform)."""
    angle = np.deg2rad(rng.uniform(-12, 12))
    scale = rng.uniform(0.85, 1.15)
    shear = rng.uniform(-0.2, 0.2)
    a = (
        np.array(
            [
                [np.cos(angle), -np.sin(angle) + shear],
                [np.sin(angle), np.cos(angle)],
            ]
        )
        / scale
    )
    c = CANVAS / 2
    offset = np.array([c, c]) - a @ np.array([c, c])
    g, h = rng.uniform(-0.002, 0.002, size=2)
    return [
        a[0, 0],
        a[0, 1],
        offset[0],
        a[1, 0],
        a[1, 1],
        offset[1],
        g,
        h,
    ]


def _one_image(
    rng: np.random.Generator,
    fonts: list[ImageFont.FreeTypeFont],
    digit: int,
) -> np.ndarray:
    plate, paint = _colours(rng)
    background = _background(rng, plate)
    mask = _draw_digits(rng, fonts, digit)[..., None]
    paint_layer = paint + rng.normal(0, 8, size=3)  # uneven paint
    canvas = background * (1 - mask) + paint_layer * mask
    image = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    image = image.transform(
        image.size,
        Image.PERSPECTIVE,
        _perspective(rng),
        resample=Image.BILINEAR,
        fillcolor=tuple(int(v) for v in plate),
    )
    image = image.resize((SIZE, SIZE), Image.BOX)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.0)))
    pixels = np.asarray(image, dtype=np.float32)
    pixels += rng.normal(0, rng.uniform(0, 8), size=pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=int(rng.integers(30, 90)))
    return np.asarray(Image.open(jpeg).convert("RGB"))


def generate(
    count: int, seed: int, start: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """House numbers ``start`` to ``start + count - 1`` of the set ``seed``:
    images (count, 32, 32, 3) uint8 and labels (count,) int64 (chapter 11).

    Image ``i`` is drawn from its own generator, seeded with ``(seed, i)``,
    so it is the same bytes however many images are generated with it.
    """
    fonts = _fonts(CANVAS * 3 // 4)
    images, labels = [], []
    for index in range(start, start + count):
        rng = np.random.default_rng([seed, index])
        labels.append(int(rng.integers(0, 10)))
        images.append(_one_image(rng, fonts, labels[-1]))
    return np.stack(images), np.array(labels, dtype=np.int64)
