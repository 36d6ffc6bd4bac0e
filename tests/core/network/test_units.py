"""explain_unit: every kind's explanation reproduces the layer's output from its own numbers."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from convviz.core.network import forward
from convviz.core.network.units import explain_unit
from convviz.train.model_reader import read_model

from .keras_models import build
from .test_forward_keras import ACTIVATIONS, CASES, windowed_layers

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.tensorflow
L = keras.layers


def _units(shape, rng, count=6):
    """The first and last unit and a few random ones."""
    picks = {tuple(0 for _ in shape), tuple(n - 1 for n in shape)}
    while len(picks) < min(count, int(np.prod(shape))):
        picks.add(tuple(int(rng.integers(n)) for n in shape))
    return sorted(picks)


def _check_all_units(spec, x):
    outputs = forward(spec, x)
    rng = np.random.default_rng(0)
    for index, out in enumerate(outputs):
        for unit in _units(out.shape, rng):
            explanation = explain_unit(spec, outputs, index, unit)
            assert explanation.value == float(out[unit])
            expected = float(out[unit])
            assert explanation.recomputed() == pytest.approx(expected, rel=1e-5, abs=1e-5 * max(1, abs(expected))), (
                spec.layers[index].name, unit)
            lines = explanation.lines()
            assert lines and all(isinstance(line, str) and "\n" not in line for line in lines)


@pytest.mark.parametrize("input_shape, layers", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_kind_of_unit_reproduces_its_output(input_shape, layers):
    model = build(keras, input_shape, layers(), seed=4)
    x = np.random.default_rng(9).normal(size=input_shape).astype(np.float32)
    _check_all_units(read_model(model), x)


def test_units_of_layers_with_each_activation():
    model = build(keras, (3, 4, 5), [L.Conv2D(3, 2, padding="same", activation=name) for name in ACTIVATIONS[:6]]
                  + [L.Flatten()] + [L.Dense(4, activation=name) for name in ACTIVATIONS[6:]], seed=2)
    _check_all_units(read_model(model), np.random.default_rng(1).normal(size=(3, 4, 5)).astype(np.float32))


@settings(max_examples=20)
@given(case=windowed_layers(), seed=st.integers(0, 1000))
def test_units_of_random_windowed_layers(case, seed):
    shape, kind, args = case
    model = build(keras, shape, [getattr(L, kind)(**args)], seed=seed)
    _check_all_units(read_model(model), np.random.default_rng(seed).normal(size=shape).astype(np.float32))


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_units_of_activation_layers(name):
    model = build(keras, (3, 4, 5), [L.Activation(name)], seed=8)
    _check_all_units(read_model(model), np.random.default_rng(2).normal(size=(3, 4, 5)).astype(np.float32))


def test_conv_unit_is_the_lectures_three_channel_picture():
    model = build(keras, (5, 6, 3), [L.Conv2D(2, 3, strides=2, padding="same", activation="relu")], seed=1)
    spec = read_model(model)
    x = np.random.default_rng(3).normal(size=(5, 6, 3)).astype(np.float32)
    outputs = forward(spec, x)
    unit = explain_unit(spec, outputs, 0, (2, 0, 1))
    kernel, bias = model.layers[0].get_weights()
    padded = np.pad(x, ((1, 1), (0, 1), (0, 0)))  # TF's 'same' for 5 -> 3 and 6 -> 3 with stride 2
    window = padded[4:7, 0:3]  # output row 2 reads padded rows 4..6, column 0 padded columns 0..2
    assert [ch.channel for ch in unit.channels] == [0, 1, 2]
    for c, ch in enumerate(unit.channels):
        np.testing.assert_array_equal(ch.inputs, window[..., c])
        np.testing.assert_array_equal(ch.weights, kernel[..., c, 1])
        np.testing.assert_allclose(ch.products, window[..., c] * kernel[..., c, 1])
    np.testing.assert_array_equal(unit.channels[0].real, [[True] * 3, [True] * 3, [False] * 3])
    assert unit.positions[0, 0].tolist() == [3, 0]  # (row, column) of the first tap in the input
    assert unit.bias == pytest.approx(bias[1])
    assert unit.activation.name == "relu"
    assert unit.activation.value == pytest.approx(max(0.0, unit.pre_activation), abs=1e-6)
    assert unit.lines()[-2].endswith(f"= {unit.lines()[-2].split('= ')[-1]}")


def test_dense_unit_lists_the_largest_contributions_then_the_rest():
    model = build(keras, (20,), [L.Dense(3, activation="softmax")], seed=6)
    spec = read_model(model)
    x = np.random.default_rng(5).normal(size=20).astype(np.float32)
    outputs = forward(spec, x)
    unit = explain_unit(spec, outputs, 0, (2,), terms=5)
    w, b = model.layers[0].get_weights()
    products = x.astype(np.float64) * w[:, 2]
    top = np.argsort(-np.abs(products))[:5]
    assert [t.index for t in unit.terms] == top.tolist()
    assert unit.others_count == 15
    assert unit.others == pytest.approx(products.sum() - products[top].sum())
    logits = x.astype(np.float64) @ w + b
    np.testing.assert_allclose(unit.activation.softmax.logits, logits, rtol=1e-5)
    assert unit.activation.softmax.total == pytest.approx(np.exp(logits).sum(), rel=1e-5)
    assert unit.recomputed() == pytest.approx(outputs[0][2], rel=1e-5)


def test_pooling_units_name_the_winner_and_the_divisor():
    model = build(keras, (5, 5, 1), [L.MaxPooling2D(2, padding="same"), L.AveragePooling2D(2, padding="same")])
    spec = read_model(model)
    x = np.arange(25, dtype=np.float32).reshape(5, 5, 1)
    outputs = forward(spec, x)
    corner = explain_unit(spec, outputs, 0, (2, 2, 0))
    assert corner.cells == ((4, 4),) and corner.value == 24.0  # the padded cells never win
    edge = explain_unit(spec, outputs, 1, (1, 1, 0))
    assert edge.cells == ((2, 2),) and edge.count == 1  # ... nor count in an average
    first = explain_unit(spec, outputs, 0, (0, 1, 0))
    assert first.cells == ((0, 2), (0, 3), (1, 2), (1, 3)) and first.cells[first.winner] == (1, 3)
