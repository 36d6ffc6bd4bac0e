"""Write resources/lessons/*.json: the lecture's worked examples as ready sessions.

    python tools/make_lessons.py

The inputs, kernels and settings come from the lecture's reference values
(tests/data/seed_cases.json); tests/io/test_lessons.py checks that every lesson's
pipeline output equals its worked example exactly.  Run again after changing a lesson here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convviz.core.kernels import preset  # noqa: E402
from convviz.model.pipeline import OpSettings  # noqa: E402
from convviz.model.session import FORMAT, VERSION  # noqa: E402
from convviz.model.training import TrainConfig  # noqa: E402

OUT = ROOT / "resources" / "lessons"
CASES = {c["name"]: c for c in json.loads((ROOT / "tests" / "data" / "seed_cases.json").read_text())["cases"]}

SIGNAL, SIGNAL_KERNEL = CASES["1d-convolve-valid"]["x"], CASES["1d-convolve-valid"]["kernel"]
IMAGE, X_KERNEL = CASES["2d-binary-image-valid"]["x"], CASES["2d-binary-image-valid"]["kernel"]
IDENTITY_1X1 = [[1]]  # pooling lessons: a 1x1 kernel [1] passes the input through to the pooling stage


def rgb_filters() -> list[dict]:
    """Weights of our own for the lecture's RGB image (its weights are only a picture in the material):
    small integers, so every sum can be checked by hand."""
    vertical = np.array([[1, 0, -1]] * 3)
    horizontal = vertical.T.copy()
    centre = np.zeros((3, 3), int)
    centre[1, 1] = 1
    plus = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]])
    first = np.stack([vertical, horizontal, centre], axis=2)  # (3, 3, C): R, G, B
    second = np.stack([plus, plus, plus], axis=2)
    return [{"kernel": first.tolist(), "bias": 0.0}, {"kernel": second.tolist(), "bias": -4.0}]


def depthwise_maps(rgb) -> list:
    """The depthwise lesson's feature maps, channels last: the pointwise lesson's input (integers)."""
    from convviz.model.pipeline import run_pipeline

    maps = run_pipeline(np.array(rgb, float), [np.array(k, float) for k in depthwise_filters()], [0.0] * 3,
                        OpSettings(padding="same", groups=3)).raw
    return np.rint(np.stack(maps, axis=-1)).astype(int).tolist()


def t_shirt() -> list[list[int]]:
    """A 28x28 T-shirt silhouette (Fashion-MNIST's class 0), drawn in 0/1 so every sum is exact."""
    img = np.zeros((28, 28), int)
    img[5:12, 4:24] = 1  # shoulders and sleeves
    img[5:25, 9:19] = 1  # body
    img[5:7, 12:16] = 0  # neckline
    img[10:12, 4:6] = 0  # the sleeves' lower corners, cut
    img[10:12, 22:24] = 0
    return img.tolist()


def depthwise_filters() -> list[list]:
    """One filter per channel of the lecture's RGB image: the first RGB filter's slices (vertical edge on R,
    horizontal edge on G, the centre on B), each alone; the channels a filter does not read hold zeros."""
    first = np.array(rgb_filters()[0]["kernel"])
    out = []
    for c in range(3):
        k = np.zeros_like(first)
        k[:, :, c] = first[:, :, c]
        out.append(k.tolist())
    return out


def lesson(name, order, en, ko, *, mode, x, kernels, biases=None, seed_case, settings=None, train=None, steps=None,
           backward=None):
    biases = biases or [0.0] * len(kernels)
    meta = {"title": {"en": en, "ko": ko}, "order": order, "seed_case": seed_case}
    if steps:
        meta["steps"] = steps
    if backward:
        meta["backward"] = backward
    if train:
        meta["train"] = train
    return name, {
        "format": FORMAT,
        "version": VERSION,
        "lesson": meta,
        "mode": mode,
        "input": x,
        "filters": [{"kernel": k, "bias": float(b)} for k, b in zip(kernels, biases)],
        "settings": OpSettings(**(settings or {})).validate().to_dict(),
    }


def one_d(name, order, en, ko, **settings):
    return lesson(name, order, en, ko, mode="1d", x=SIGNAL, kernels=[SIGNAL_KERNEL], seed_case=name, settings=settings)


def pooling(name, order, en, ko, case, **settings):
    c = CASES[case]
    settings = dict(pool={"max_pool": "max", "avg_pool": "avg"}[c["op"]], pool_size=c["size"],
                    pool_stride=c["stride"], pool_padding=c["padding"], **settings)
    return lesson(name, order, en, ko, mode="2d", x=c["x"], kernels=[IDENTITY_1X1], seed_case=case,
                  settings=settings, steps="pool")


def lessons():
    bank_case = CASES["2d-three-filters-same"]
    bank = np.array(bank_case["kernel"])  # (kh, kw, 1, F)
    rgb = CASES["2d-rgb-5x5-image"]["input"]
    padded = CASES["2d-zero-padding-1"]["expect_padded_input"]
    cnn_kernels = [preset(k).tolist() for k in ("lecture_x", "sobel_x", "sobel_y", "prewitt_x", "prewitt_y",
                                                "laplacian", "edge", "sharpen", "emboss", "identity")]
    lecture_cnn = TrainConfig(standardize=False, lr_schedule="constant").validate().to_dict()
    yield one_d("1d-convolve-valid", 10, "1D convolution · valid", "1D 합성곱 · valid", op="convolve")
    yield one_d("1d-correlate-valid", 20, "1D cross-correlation · valid", "1D 교차상관 · valid")
    yield one_d("1d-correlate-full", 30, "1D cross-correlation · full", "1D 교차상관 · full", padding="full")
    yield one_d("1d-correlate-same-centered", 40, "1D cross-correlation · same, NumPy/SciPy convention",
                "1D 교차상관 · same, NumPy/SciPy 방식", padding="same", same="centered")
    yield one_d("1d-correlate-same-tensorflow", 50, "1D cross-correlation · same, TensorFlow convention",
                "1D 교차상관 · same, TensorFlow 방식", padding="same", same="tensorflow")
    yield one_d("1d-correlate-same-tensorflow-stride2", 60, "1D cross-correlation · same, TensorFlow, stride 2",
                "1D 교차상관 · same, TensorFlow, 스트라이드 2", padding="same", same="tensorflow", stride=2)
    yield lesson("2d-valid", 100, "2D · valid: the 5×5 image and the 3×3 'X' kernel",
                 "2D · valid: 5×5 이미지와 3×3 'X' 커널", mode="2d", x=IMAGE, kernels=[X_KERNEL],
                 seed_case="2d-binary-image-valid")
    yield lesson("2d-zero-padding-1", 110, "2D · zero padding 1 around the 5×5 image",
                 "2D · 5×5 이미지에 제로 패딩 1", mode="2d", x=IMAGE, kernels=[X_KERNEL],
                 seed_case="2d-zero-padding-1", settings=dict(padding="explicit", explicit_pad=(1, 1, 1, 1)))
    yield lesson("2d-same-tensorflow", 120, "2D · same with a 2×2 kernel, TensorFlow convention",
                 "2D · 2×2 커널의 same, TensorFlow 방식", mode="2d",
                 x=CASES["2d-correlate-same-tensorflow-even-kernel"]["x"],
                 kernels=[CASES["2d-correlate-same-tensorflow-even-kernel"]["kernel"]],
                 seed_case="2d-correlate-same-tensorflow-even-kernel", settings=dict(padding="same", same="tensorflow"))
    yield lesson("2d-same-centered", 130, "2D · same with a 2×2 kernel, NumPy/SciPy convention",
                 "2D · 2×2 커널의 same, NumPy/SciPy 방식", mode="2d",
                 x=CASES["2d-correlate-same-centered-even-kernel"]["x"],
                 kernels=[CASES["2d-correlate-same-centered-even-kernel"]["kernel"]],
                 seed_case="2d-correlate-same-centered-even-kernel", settings=dict(padding="same", same="centered"))
    yield lesson("2d-three-filters-same", 140, "2D · three filters (all 1, all 10, all −1), same",
                 "2D · 필터 3개 (모두 1, 모두 10, 모두 −1), same", mode="2d", x=bank_case["x"],
                 kernels=[bank[:, :, 0, f].tolist() for f in range(bank.shape[3])],
                 seed_case="2d-three-filters-same", settings=dict(padding="same", same="tensorflow"))
    yield lesson("2d-stride2-7x7", 150, "2D · stride 2 on a 7×7 input (3×3 output)",
                 "2D · 7×7 입력에 스트라이드 2 (3×3 출력)", mode="2d", x=padded, kernels=[X_KERNEL],
                 seed_case="output-size", settings=dict(stride=2))
    filters = rgb_filters()
    yield lesson("rgb-5x5-one-filter", 160, "RGB 5×5 input · one 3×3×3 filter",
                 "RGB 5×5 입력 · 3×3×3 필터 1개", mode="2d", x=rgb, kernels=[filters[0]["kernel"]],
                 biases=[filters[0]["bias"]], seed_case="2d-rgb-5x5-image")
    yield lesson("rgb-5x5-two-filters", 170, "RGB 5×5 input · two 3×3×3 filters",
                 "RGB 5×5 입력 · 3×3×3 필터 2개", mode="2d", x=rgb, kernels=[f["kernel"] for f in filters],
                 biases=[f["bias"] for f in filters], seed_case="2d-rgb-5x5-image")
    # Depthwise then 1x1 (issue 20 item 4): the separable convolution of MobileNet in two lessons, the
    # second's input the first's maps; the Operation panel shows both counts beside a standard convolution's.
    yield lesson("rgb-5x5-depthwise", 180, "RGB 5×5 input · depthwise 3×3: one filter per channel",
                 "RGB 5×5 입력 · 깊이별(depthwise) 3×3: 채널마다 필터 하나", mode="2d", x=rgb,
                 kernels=depthwise_filters(), seed_case="2d-rgb-5x5-image",
                 settings=dict(padding="same", groups=3))
    yield lesson("rgb-5x5-pointwise", 190, "Then 1×1 (pointwise): the depthwise maps mixed into two channels",
                 "이어서 1×1 (점별, pointwise): 깊이별 맵을 채널 2개로 섞기", mode="2d", x=depthwise_maps(rgb),
                 kernels=[[[[1, 1, 1]]], [[[1, -1, 0]]]], seed_case=None)
    yield pooling("maxpool-2x2-stride2", 200, "Max pooling 2×2 · stride 2", "최대 풀링 2×2 · 스트라이드 2",
                  "maxpool-2x2-stride2")
    yield pooling("avgpool-2x2-stride2", 210, "Average pooling 2×2 · stride 2", "평균 풀링 2×2 · 스트라이드 2",
                  "avgpool-2x2-stride2")
    yield pooling("maxpool-stride1-valid", 220, "Max pooling 2×2 · stride 1 · valid on [[4, 3], [2, 1]]",
                  "최대 풀링 2×2 · 스트라이드 1 · valid, [[4, 3], [2, 1]]", "maxpool-valid-stride1")
    yield pooling("maxpool-stride1-same", 230, "Max pooling 2×2 · stride 1 · same on [[4, 3], [2, 1]]",
                  "최대 풀링 2×2 · 스트라이드 1 · same, [[4, 3], [2, 1]]", "maxpool-same-stride1")
    yield pooling("avgpool-same", 240, "Average pooling 2×2 · stride 2 · same (padding not counted)",
                  "평균 풀링 2×2 · 스트라이드 2 · same (패딩은 세지 않음)", "avgpool-same-excludes-padding")
    # Transposed convolution (issue 20): no lecture example; tests/io/test_lessons.py holds them against
    # conv_transpose.  An input of ones makes the map the overlap counts: the checkerboard itself.
    ones = np.ones((4, 4), int).tolist()
    yield lesson("transposed-3x3-stride2-checkerboard", 250,
                 "Transposed convolution · 3×3 kernel, stride 2: the checkerboard",
                 "전치 합성곱 · 3×3 커널, 스트라이드 2: 체커보드 무늬", mode="2d", x=ones,
                 kernels=[np.ones((3, 3), int).tolist()], seed_case=None,
                 settings=dict(op="transposed", padding="same", stride=2))
    yield lesson("transposed-4x4-stride2-even", 260,
                 "Transposed convolution · 4×4 kernel, stride 2: even overlaps",
                 "전치 합성곱 · 4×4 커널, 스트라이드 2: 고르게 겹침", mode="2d", x=ones,
                 kernels=[np.ones((4, 4), int).tolist()], seed_case=None,
                 settings=dict(op="transposed", padding="same", stride=2))
    yield lesson("backward-5x5-squared-error", 270,
                 "Backward · the 5×5 image, the 'X' kernel and a squared error: dW, db, dX and one SGD step",
                 "역전파 · 5×5 이미지, 'X' 커널, 제곱 오차: dW, db, dX와 SGD 한 스텝", mode="2d", x=IMAGE,
                 kernels=[X_KERNEL], seed_case="2d-binary-image-valid",
                 # No "lr": the default step (the largest rate that lowers the loss) is 0.1 here, and a lesson's
                 # rate would stay chosen in the lessons opened after it.
                 backward={"upstream": "squared_error", "target": [[4, 2, 4], [2, 4, 2], [4, 2, 4]], "page": "dW"})
    yield lesson("fashion-mnist-cnn", 300, "Fashion-MNIST CNN: its first layer here, training in Train",
                 "Fashion-MNIST CNN: 첫 층은 여기에, 학습은 학습 창에서", mode="2d", x=t_shirt(), kernels=cnn_kernels,
                 seed_case="seed-cnn-summary",
                 settings=dict(padding="same", activation="relu", pool="max", pool_size=2),
                 train={"dataset": "fashion-mnist", "config": lecture_cnn})


def dumps(value, indent=0) -> str:
    """JSON with each innermost list of numbers on one line: a 28x28 input stays readable."""
    pad = " " * indent
    if isinstance(value, dict):
        # A backward lesson's target is small: one line, as the lesson was first written.
        items = [f'{pad} {json.dumps(k)}: {json.dumps(v) if k == "target" else dumps(v, indent + 1).lstrip()}'
                 for k, v in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        return pad + "[\n" + ",\n".join(dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
    return pad + json.dumps(value, ensure_ascii=False)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    names = set()
    for name, data in lessons():
        names.add(name)
        (OUT / f"{name}.json").write_text(dumps(data) + "\n", encoding="utf-8")
    for stale in OUT.glob("*.json"):
        if stale.stem not in names:
            stale.unlink()
    print(f"wrote {len(names)} lessons to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
