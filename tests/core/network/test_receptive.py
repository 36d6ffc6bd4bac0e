"""Receptive fields against brute force: a NaN put in one cell of a layer's input (every channel)
reaches the unit exactly when the region says the unit reads that cell."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from convviz.core.network import LayerSpec, NetworkSpec, check
from convviz.core.network.forward import output_shapes, run_layers
from convviz.core.network.receptive import receptive_field, spatial_axes

RNG = np.random.default_rng(0)


def _w(*shape):
    return RNG.uniform(0.5, 1.5, shape).astype(np.float32) * RNG.choice([-1, 1], shape)


def conv(rank, channels, k, stride, dilation, padding, filters=2, name="conv"):
    kind = "Conv1D" if rank == 1 else "Conv2D"
    config = {"filters": filters, "kernel_size": [k] * rank, "strides": [stride] * rank,
              "dilation_rate": [dilation] * rank, "padding": padding, "activation": "relu"}
    return LayerSpec(name, kind, config, (_w(*([k] * rank), channels, filters), _w(filters)))


def depthwise(channels, k, stride, padding, name="dw"):
    config = {"kernel_size": [k, k], "strides": [stride, stride], "padding": padding, "depth_multiplier": 1}
    return LayerSpec(name, "DepthwiseConv2D", config, (_w(k, k, channels, 1), _w(channels)))


def transposed(rank, channels, k, stride, padding, name="tconv"):
    kind = "Conv1DTranspose" if rank == 1 else "Conv2DTranspose"
    config = {"filters": 2, "kernel_size": [k] * rank, "strides": [stride] * rank, "padding": padding}
    return LayerSpec(name, kind, config, (_w(*([k] * rank), 2, channels), _w(2)))


def pooling(rank, kind, size, stride, padding, name="pool"):
    return LayerSpec(name, f"{kind}Pooling{rank}D", {"pool_size": [size] * rank, "strides": [stride] * rank,
                                                       "padding": padding})


def padding_layer(rank, before, after, name="pad"):
    pads = [before, after] if rank == 1 else [[before, after], [after, before]]
    return LayerSpec(name, f"ZeroPadding{rank}D", {"padding": pads})


@st.composite
def chains(draw):
    """A random chain of windowed layers over a small 1D or 2D input, maybe ending in Flatten + Dense."""
    rank = draw(st.sampled_from([1, 2]))
    shape = (draw(st.integers(6, 11)),) * rank + (draw(st.integers(1, 2)),)
    layers = []
    for i in range(draw(st.integers(1, 4))):
        channels = (output_shapes(NetworkSpec("n", shape, tuple(layers)))[-1] if layers else shape)[-1]
        pick = draw(st.sampled_from(["conv", "dilated", "pool", "pad", "tconv", "depthwise"]))
        padding = draw(st.sampled_from(["valid", "same"]))
        k, stride = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        if pick == "conv":
            layer = conv(rank, channels, k, stride, 1, padding, name=f"l{i}")
        elif pick == "dilated":
            layer = conv(rank, channels, k, 1, draw(st.integers(2, 3)),
                         draw(st.sampled_from(["valid", "same"] + (["causal"] if rank == 1 else []))), name=f"l{i}")
        elif pick == "pool":
            layer = pooling(rank, draw(st.sampled_from(["Max", "Average"])), k, stride, padding, name=f"l{i}")
        elif pick == "pad":
            layer = padding_layer(rank, draw(st.integers(0, 2)), draw(st.integers(0, 2)), name=f"l{i}")
        elif pick == "tconv":
            layer = transposed(rank, channels, k, min(stride, 2), padding, name=f"l{i}")
        else:
            layer = depthwise(channels, k, stride, padding, name=f"l{i}") if rank == 2 else \
                conv(rank, channels, k, stride, 1, padding, name=f"l{i}")
        trial = NetworkSpec("n", shape, tuple(layers) + (layer,))
        if check(trial) is None and all(n <= 24 for n in output_shapes(trial)[-1][:-1]):
            layers.append(layer)
    if not layers or draw(st.booleans()):
        flat = output_shapes(NetworkSpec("n", shape, tuple(layers)))[-1] if layers else shape
        layers += [LayerSpec("flat", "Flatten"), LayerSpec("dense", "Dense", {"units": 3},
                                                           (_w(int(np.prod(flat)), 3), _w(3)))]
    return NetworkSpec("chain", shape, tuple(layers))


def _brute_force(spec, x, layer_index, unit, shapes):
    """For every tensor up to the unit's layer, the spatial cells whose NaN reaches the unit."""
    tensors = [x] + run_layers(spec, x, 0, layer_index)
    found = []
    for k, tensor in enumerate(tensors):
        rank = spatial_axes(tensor.shape)
        hit = np.zeros(tensor.shape[:rank], dtype=bool)
        for cell in itertools.product(*[range(n) for n in tensor.shape[:rank]]):
            poisoned = tensor.copy()
            poisoned[cell] = np.nan
            out = run_layers(spec, poisoned, k, layer_index + 1)[-1]
            hit[cell] = np.isnan(out[unit])
        found.append(hit)
    return found


@settings(max_examples=40)
@given(spec=chains(), data=st.data())
def test_receptive_field_equals_brute_force(spec, data):
    shapes = output_shapes(spec)
    layer_index = data.draw(st.integers(0, len(spec.layers) - 1))
    unit = tuple(data.draw(st.integers(0, n - 1)) for n in shapes[layer_index])
    x = RNG.normal(size=spec.input_shape).astype(np.float32)
    regions = receptive_field(spec, layer_index, unit)
    assert len(regions) == layer_index + 2
    assert regions[-1].cells == tuple((i,) for i in unit[: spatial_axes(shapes[layer_index])])
    for region, hit in zip(regions, _brute_force(spec, x, layer_index, unit, shapes)):
        np.testing.assert_array_equal(region.mask(), hit, err_msg=f"layer {region.layer_index}")
        if hit.any():
            rows = np.nonzero(hit)
            assert region.box == tuple((int(r.min()), int(r.max()) + 1) for r in rows)
    dense_at = [i for i, layer in enumerate(spec.layers[: layer_index + 1]) if layer.kind == "Dense"]
    for region in regions[:-1]:
        assert region.everything == bool(dense_at and region.layer_index < dense_at[-1])


def test_lecture_cnn_fields():
    spec = NetworkSpec("lecture", (28, 28, 1), (
        conv(2, 1, 3, 1, 1, "same", filters=10, name="conv"), pooling(2, "Max", 2, 2, "valid", name="pool"),
        LayerSpec("flat", "Flatten"), LayerSpec("dense", "Dense", {"units": 4}, (_w(1960, 4), _w(4)))))
    regions = receptive_field(spec, 1, (3, 13, 0))  # a pooled unit
    assert regions[1].box == ((6, 8), (26, 28))  # the pooling window: conv rows 6..7, columns 26..27
    assert regions[0].box == ((5, 9), (25, 28))  # which read input rows 5..8 and columns 25..27 (28 is padding)
    assert regions[0].cells == ((5, 6, 7, 8), (25, 26, 27)) and not regions[0].everything
    flat = receptive_field(spec, 2, (10 * 14 * 10 + 3 * 10 + 7,))  # Flatten's unit (10, 3, 7)
    assert flat[2].cells == ((10,), (3,)) and flat[1].box == ((20, 22), (6, 8)) and flat[0].box == ((19, 23), (5, 9))
    dense = receptive_field(spec, 3, (1,))
    assert all(r.everything for r in dense[:-1]) and dense[0].box == ((0, 28), (0, 28))


def test_a_window_reading_only_padding_reads_nothing():
    spec = NetworkSpec("n", (2, 1), (conv(1, 1, 2, 1, 3, "same"),))  # taps at -1 and 2 for output 0
    regions = receptive_field(spec, 0, (0, 0))
    assert regions[0].cells == ((),) and regions[0].box == ((0, 0),) and regions[0].size == 0
    with pytest.raises(ValueError, match="not in the output"):
        receptive_field(spec, 0, (5, 0))
