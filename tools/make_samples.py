"""Regenerate the sample inputs shipped in resources/samples (run once; outputs are committed)."""

from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(__file__).resolve().parents[1] / "resources" / "samples"


def photo(size: int = 128) -> np.ndarray:
    """A photo-like RGB scene: sky gradient, sun, hills, a house, soft noise."""
    y, x = np.mgrid[0:size, 0:size] / size
    img = np.zeros((size, size, 3))
    img[...] = np.stack([0.45 + 0.3 * y, 0.65 + 0.2 * y, 0.95 - 0.1 * y], axis=-1)
    sun = (x - 0.78) ** 2 + (y - 0.2) ** 2 < 0.01
    img[sun] = (1.0, 0.9, 0.4)
    hill = y > 0.62 + 0.08 * np.sin(6 * x)
    img[hill] = np.stack([0.2 + 0.1 * x, 0.5 + 0.2 * y, 0.2 * np.ones_like(x)], axis=-1)[hill]
    house = (x > 0.2) & (x < 0.45) & (y > 0.5) & (y < 0.75)
    img[house] = (0.8, 0.75, 0.65)
    roof = (y < 0.5) & (y > 0.36) & (np.abs(x - 0.325) < (y - 0.36) * 1.0)
    img[roof] = (0.6, 0.15, 0.1)
    door = (x > 0.3) & (x < 0.35) & (y > 0.62) & (y < 0.75)
    img[door] = (0.35, 0.2, 0.1)
    rng = np.random.default_rng(7)
    img += rng.normal(0, 0.02, img.shape)
    return (np.clip(img, 0, 1) * 255).astype(np.uint8)


def shapes(size: int = 64) -> np.ndarray:
    y, x = np.mgrid[0:size, 0:size]
    img = np.zeros((size, size))
    img[8:28, 8:28] = 1.0  # square
    img[((x - 44) ** 2 + (y - 18) ** 2) < 100] = 1.0  # disc
    tri = (y > 36) & (y < 58) & (np.abs(x - 20) < (y - 36) * 0.6)
    img[tri] = 1.0
    img[38:58, 40:44] = 1.0  # vertical bar
    img[46:50, 32:56] = 1.0  # horizontal bar
    return (img * 255).astype(np.uint8)


def checkerboard(size: int = 32, cell: int = 4) -> np.ndarray:
    y, x = np.mgrid[0:size, 0:size]
    return ((((y // cell) + (x // cell)) % 2) * 255).astype(np.uint8)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "lecture_5x5.npy", np.array(
        [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]], dtype=np.int64))
    np.save(OUT / "grid_3x3.npy", np.arange(1, 10, dtype=np.int64).reshape(3, 3))
    np.save(OUT / "canvas_28x28.npy", np.zeros((28, 28), dtype=np.int64))
    Image.fromarray(photo()).save(OUT / "photo_128.png", optimize=True)
    Image.fromarray(shapes()).save(OUT / "shapes_64.png", optimize=True)
    Image.fromarray(checkerboard()).save(OUT / "checkerboard_32.png", optimize=True)
    print("wrote", sorted(p.name for p in OUT.iterdir()))
