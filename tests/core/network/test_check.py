"""check / first_unsupported: which layer cannot be computed, and why, in one sentence."""

import numpy as np
import pytest

from convviz.core.network import LayerSpec, NetworkSpec, UnsupportedLayer, check, first_unsupported, forward


def conv(name="conv", **config):
    kernel = np.ones((3, 3, 1, 2), np.float32)
    return LayerSpec(name, "Conv2D", {"filters": 2, "kernel_size": [3, 3], **config}, (kernel, np.zeros(2, np.float32)))


def net(*layers, shape=(6, 6, 1)):
    return NetworkSpec("net", shape, tuple(layers))


def test_a_supported_chain_has_no_problem():
    dense = LayerSpec("dense", "Dense", {"units": 3, "activation": "softmax"},
                      (np.ones((32, 3), np.float32), np.zeros(3, np.float32)))
    spec = net(conv(), LayerSpec("flat", "Flatten"), dense)
    assert check(spec) is None and first_unsupported(spec) is None
    out = forward(spec, np.ones((6, 6)))  # a grey image gets its channel axis
    np.testing.assert_allclose(out[0], 9.0)
    np.testing.assert_allclose(out[-1], [1 / 3] * 3, rtol=1e-6)


@pytest.mark.parametrize("layer, words", [
    (LayerSpec("lambda", "Lambda", {}), "'lambda' (Lambda) is not a layer convviz can compute"),
    (LayerSpec("lstm", "LSTM", {"units": 4}), "'lstm' (LSTM)"),
    (conv(data_format="channels_first"), "channels_first"),
    (conv(activation="gelu"), "activation 'gelu'"),
    (conv(activation={"class_name": "Custom"}), "activation"),
    (conv(padding="full"), "padding 'full'"),
    (conv(groups=2), "groups"),
    (conv(dtype={"config": {"name": "mixed_float16"}}), "float32"),
    (LayerSpec("dense", "Dense", {"units": 3}, (np.ones((5, 3)), np.zeros(3))), "weight of shape (5, 3)"),
    (LayerSpec("bn", "BatchNormalization", {"axis": 1}, (np.ones(1),) * 4), "axis 1"),
    (LayerSpec("pool", "MaxPooling2D", {"pool_size": [8, 8]}), "larger than the map"),
    (LayerSpec("shape", "Reshape", {"target_shape": [5, 7]}), "cannot reshape"),
])
def test_the_first_unsupported_layer_is_named_with_the_reason(layer, words):
    spec = net(LayerSpec("input", "InputLayer"), layer, LayerSpec("lambda2", "Lambda"))
    index, why = first_unsupported(spec)
    assert index == 1
    assert words in why and why == check(spec)
    assert "\n" not in why and why.endswith(".")
    with pytest.raises(UnsupportedLayer, match="^layer "):
        forward(spec, np.zeros((6, 6, 1)))
    assert len(forward(spec, np.zeros((6, 6, 1)), upto=0)) == 1  # the layers before it still run


def test_an_input_that_does_not_fit_is_one_sentence():
    spec = net(conv())
    with pytest.raises(ValueError, match=r"takes an input of shape \(6, 6, 1\), not \(5, 6, 1\)"):
        forward(spec, np.zeros((5, 6, 1)))
    with pytest.raises(ValueError, match="NaN"):
        forward(spec, np.full((6, 6, 1), np.nan))


def test_an_open_input_size_is_checked_and_computed_on_the_given_size():
    spec = net(conv(padding="same"), LayerSpec("gap", "GlobalAveragePooling2D"), shape=(None, None, 1))
    assert check(spec) is None
    out = forward(spec, np.ones((4, 5, 1)))
    assert out[0].shape == (4, 5, 2) and out[1].shape == (2,)
