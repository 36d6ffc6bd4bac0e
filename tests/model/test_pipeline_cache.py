"""The pipeline cache: later-stage edits reuse the convolutions, and any real change misses."""

import numpy as np
import pytest

from convviz.model.pipeline import OpSettings, PipelineCache, run_pipeline


@pytest.fixture
def case():
    rng = np.random.default_rng(3)
    x = rng.random((12, 10))
    kernels = [rng.standard_normal((3, 3)) for _ in range(3)]
    return x, kernels, [0.0, 0.5, -1.0]


def same_result(a, b):
    for name in ("raw", "activated", "pooled"):
        for m, n in zip(getattr(a, name), getattr(b, name), strict=True):
            np.testing.assert_array_equal(m, n)
    assert a.out_shape == b.out_shape and a.pads == b.pads


def test_cached_results_equal_fresh_ones_and_skip_the_convolution(case):
    x, kernels, biases = case
    cache = PipelineCache()
    s = OpSettings(padding="same", pool="max")
    for change in (dict(), dict(activation="relu"), dict(pool="avg"), dict(pool_size=3, pool_padding="same"),
                   dict(activation="tanh", pool="none")):
        s2 = OpSettings(**{**s.to_dict(), **change, "explicit_pad": s.explicit_pad})
        same_result(run_pipeline(x, kernels, biases, s2, cache=cache), run_pipeline(x, kernels, biases, s2))
    assert (cache.computed, cache.reused) == (3, 12)  # three filters convolved once, then reused


@pytest.mark.parametrize("edit,untouched", [("input in place", 0), ("kernel in place", 2), ("bias", 2), ("stride", 0),
                                           ("op", 0), ("boundary", 0), ("kernel count", 0), ("same convention", 0)])
def test_every_real_change_convolves_again(case, edit, untouched):
    """Results always equal a fresh computation; only filters untouched by the edit are reused, and only
    from a bank of the same size (BLAS may round a filter's sums differently in another bank)."""
    x, kernels, biases = case
    cache = PipelineCache()
    s = OpSettings(padding="same")
    run_pipeline(x, kernels, biases, s, cache=cache)
    if edit == "input in place":
        x[0, 0] += 1.0  # the document's arrays may be edited in place: the cache holds copies
    elif edit == "kernel in place":
        kernels[1][2, 2] = 7.0
    elif edit == "bias":
        biases = [0.0, 0.5, -1.25]
    elif edit == "stride":
        s = OpSettings(padding="same", stride=2)
    elif edit == "op":
        s = OpSettings(padding="same", op="convolve")
    elif edit == "boundary":
        s = OpSettings(padding="same", boundary="reflect")
    elif edit == "kernel count":
        kernels, biases = kernels[:2], biases[:2]
    elif edit == "same convention":
        s = OpSettings(padding="same", same="centered")
    same_result(run_pipeline(x, kernels, biases, s, cache=cache), run_pipeline(x, kernels, biases, s))
    assert cache.reused == untouched


def test_even_kernel_same_conventions_differ_through_the_cache():
    """'same' TensorFlow vs centred change the result only for even kernels; the cache must see the change."""
    x = np.arange(16.0).reshape(4, 4)
    k = [np.array([[1.0, 2.0], [3.0, 4.0]])]
    cache = PipelineCache()
    tf = run_pipeline(x, k, [0.0], OpSettings(padding="same"), cache=cache).raw[0]
    centred = run_pipeline(x, k, [0.0], OpSettings(padding="same", same="centered"), cache=cache).raw[0]
    assert not np.array_equal(tf, centred)


def test_editing_one_kernel_keeps_the_other_filters_maps(case):
    """The bank is one matrix product (a filter summed alone could differ in its last bit), so it is
    convolved again; the untouched filters' maps, equal bit for bit, are the cached ones."""
    x, kernels, biases = case
    cache = PipelineCache()
    s = OpSettings(padding="same", activation="relu", pool="max")
    first = run_pipeline(x, kernels, biases, s, cache=cache)
    edited = [k.copy() for k in kernels]
    edited[1][0, 0] += 1.0
    second = run_pipeline(x, edited, biases, s, cache=cache)
    same_result(second, run_pipeline(x, edited, biases, s))
    assert (cache.computed, cache.reused) == (4, 2)
    assert second.raw[0] is first.raw[0] and second.raw[2] is first.raw[2]  # untouched filters reused
    assert second.activated[0] is first.activated[0]
    assert not np.array_equal(second.raw[1], first.raw[1])


def test_an_untouched_filters_map_is_what_its_new_bank_makes():
    """What keeping the cached maps relies on: in a bank of the same size, changing one filter's
    weights leaves every other filter's sums bit for bit as they were (large enough for BLAS's
    blocks and threads, 7x7 float64 sums of 49 terms)."""
    from convviz.core import correlate

    rng = np.random.default_rng(9)
    x = rng.random((300, 280))
    bank = rng.standard_normal((7, 7, 1, 8))
    before = correlate(x, bank, padding="same")
    bank[..., 3] = rng.standard_normal((7, 7, 1))
    after = correlate(x, bank, padding="same")
    for f in (0, 1, 2, 4, 5, 6, 7):
        np.testing.assert_array_equal(after[..., f], before[..., f])


@pytest.mark.parametrize("activation", ["none", "relu", "leaky_relu", "sigmoid", "tanh", "elu"])
@pytest.mark.parametrize("pool_kind,pool_padding", [("max", "valid"), ("max", "same"), ("avg", "valid"),
                                                    ("avg", "same")])
def test_pipeline_equals_the_core_functions_step_by_step(case, activation, pool_kind, pool_padding):
    """However the pipeline orders its work (max pooling before a piecewise-linear activation,
    extremes from the raw maps' extremes), every number equals conv → activate → pool done plainly."""
    from convviz.core import activate, correlate, pool

    x, kernels, biases = case
    x = x[:11, :9]  # odd sizes: 'same' pooling pads
    s = OpSettings(padding="same", activation=activation, pool=pool_kind, pool_size=2, pool_padding=pool_padding)
    result = run_pipeline(x, kernels, biases, s, cache=PipelineCache())
    bank = correlate(x, np.stack(kernels, axis=-1)[:, :, None, :], padding="same", bias=biases)
    for f in range(len(kernels)):
        raw = bank[..., f]
        act = raw if activation == "none" else activate(raw, activation)
        pooled = pool(act, pool_kind, 2, padding=pool_padding)
        np.testing.assert_array_equal(result.raw[f], raw)
        np.testing.assert_array_equal(result.activated[f], act)
        np.testing.assert_array_equal(result.pooled[f], pooled)
        assert result.extrema[f] == (act.min(), act.max())
        assert result.pooled_extrema[f] == (pooled.min(), pooled.max())


@pytest.mark.parametrize("activation", ["none", "relu", "leaky_relu", "sigmoid", "tanh", "elu"])
@pytest.mark.parametrize("pool_kind", ["max", "avg"])
def test_thumbnails_equal_block_extremes_of_the_activated_maps(case, activation, pool_kind):
    """The views draw block extremes the LazyMaps derive from the raw maps; they equal the
    block extremes of the maps activated in full."""
    from convviz.core import activate
    from convviz.core.pool import block_extremes

    x, kernels, biases = case
    cache = PipelineCache()
    s = OpSettings(padding="same", activation=activation, pool=pool_kind)
    result = run_pipeline(x, kernels, biases, s, cache=cache)
    for step in (2, 3, 5):
        for f in range(len(kernels)):
            low, high = result.activated.block_extremes(f, step)
            full = result.raw[f] if activation == "none" else activate(result.raw[f], activation)
            want_low, want_high = block_extremes(full, step)
            np.testing.assert_array_equal(low, want_low)
            np.testing.assert_array_equal(high, want_high)
            plow, phigh = result.pooled.block_extremes(f, step)
            np.testing.assert_array_equal(phigh, block_extremes(result.pooled[f], step)[1])
            np.testing.assert_array_equal(plow, block_extremes(result.pooled[f], step)[0])


@pytest.mark.parametrize("activation,pool_kind", [("relu", "max"), ("tanh", "max"), ("none", "avg")])
def test_new_maps_get_their_thumbnails_blocks_where_they_are_made(case, activation, pool_kind):
    """Once a view has drawn maps of a shape at some step, the stages that make new maps of
    that shape make their block extremes too, in the same task; they equal the block extremes
    a view would make, and a view asking for them finds them made."""
    from convviz.core.pool import block_extremes

    x, kernels, biases = case
    cache = PipelineCache()
    first = run_pipeline(x, kernels, biases, OpSettings(padding="same", pool="max"), cache=cache)
    first.activated.block_extremes(0, 2)  # the views draw feature maps at step 2 ...
    first.pooled.block_extremes(0, 3)  # ... and pooled maps at step 3
    edited = [k + 0.25 for k in kernels]  # every filter convolved and pooled again
    result = run_pipeline(x, edited, biases, OpSettings(padding="same", activation=activation, pool=pool_kind),
                          cache=cache)
    made = {(id(arr), step) for (_, step), (arr, _) in cache._memo["blocks"].items()}
    for f in range(len(kernels)):
        pooled_source = result.pooled.sources[f]
        assert (id(result.raw[f]), 2) in made and (id(pooled_source), 3) in made
        for maps, step in ((result.activated, 2), (result.pooled, 3)):
            low, high = maps.block_extremes(f, step)
            want_low, want_high = block_extremes(maps[f], step)
            np.testing.assert_array_equal(low, want_low)
            np.testing.assert_array_equal(high, want_high)
        assert result.pooled_extrema[f] == (result.pooled[f].min(), result.pooled[f].max())
    assert len(cache._memo["blocks"]) == 2 * len(kernels)  # nothing made twice, the old maps' dropped


def test_activated_maps_are_made_only_when_read(case):
    x, kernels, biases = case
    cache = PipelineCache()
    result = run_pipeline(x, kernels, biases, OpSettings(activation="relu", pool="max"), cache=cache)
    result.activated.block_extremes(0, 2)
    assert not cache._memo.get("activated")  # thumbnails and extremes came from the raw maps
    first = result.activated[1]
    assert result.activated[1] is first  # made once
    assert len(cache._memo["activated"]) == 1
    # The next request with the same raw maps reuses it; another activation forgets it.
    again = run_pipeline(x, kernels, biases, OpSettings(activation="relu", pool="avg"), cache=cache)
    assert again.activated[1] is first
    run_pipeline(x, kernels, biases, OpSettings(activation="tanh", pool="max"), cache=cache)
    assert all(k[1] == "tanh" for k in cache._memo["activated"])


@pytest.mark.parametrize("padding,same,kshape,op,rgb", [
    ("same", "tensorflow", (3, 3), "correlate", False),
    ("same", "centered", (2, 4), "correlate", False),
    ("same", "tensorflow", (2, 4), "convolve", False),
    ("valid", "tensorflow", (3, 3), "correlate", True),
    ("full", "tensorflow", (3, 5), "convolve", False),
    ("explicit", "tensorflow", (3, 3), "correlate", False),
])
def test_pen_strokes_convolve_again_and_equal_fresh_results_bit_for_bit(padding, same, kshape, op, rgb):
    """A stroke anywhere on the input (corners, edges, the middle) convolves the bank again, and
    every stage and every thumbnail equals a fresh computation exactly."""
    rng = np.random.default_rng(7)
    x = rng.random((96, 100, 3) if rgb else (96, 100))
    kernels = [rng.standard_normal(kshape + ((3,) if rgb else ())) for _ in range(3)]
    biases = [0.0, 0.25, -1.0]
    s = OpSettings(padding=padding, same=same, op=op, explicit_pad=(2, 0, 1, 3), activation="relu", pool="max")
    cache = PipelineCache()
    run_pipeline(x, kernels, biases, s, cache=cache).activated.block_extremes(0, 4)
    for rows, cols in [(slice(0, 3), slice(0, 2)), (slice(90, 96), slice(95, 100)), (slice(40, 50), slice(30, 38)),
                       (slice(0, 1), slice(60, 61)), (slice(95, 96), slice(0, 20))]:
        x = x.copy()
        x[rows, cols] = rng.random(x[rows, cols].shape)
        cached, fresh = run_pipeline(x, kernels, biases, s, cache=cache), run_pipeline(x, kernels, biases, s)
        same_result(cached, fresh)
        assert cached.extrema == fresh.extrema and cached.pooled_extrema == fresh.pooled_extrema
        for name in ("activated", "pooled"):
            for got, want in zip(getattr(cached, name).block_extremes(1, 4), getattr(fresh, name).block_extremes(1, 4)):
                np.testing.assert_array_equal(got, want)
    assert cache.computed == 6 * 3 and cache.reused == 0


def test_views_reading_maps_while_a_worker_recomputes_them_share_the_cache_safely():
    """The window reads thumbnails and activated maps (hover) in the GUI thread while a worker
    runs the next stroke with the same cache: no error, and every result equals a fresh one."""
    import threading

    rng = np.random.default_rng(5)
    x = rng.random((256, 256))
    kernels = [rng.standard_normal((3, 3)) for _ in range(4)]
    s = OpSettings(padding="same", activation="tanh", pool="avg")
    cache = PipelineCache()
    latest = [run_pipeline(x, kernels, [0.0] * 4, s, cache=cache)]
    inputs, errors, done = [], [], threading.Event()

    def strokes():
        try:
            y = x
            for i in range(40):
                y = y.copy()
                y[(7 * i) % 250: (7 * i) % 250 + 5, (11 * i) % 250: (11 * i) % 250 + 5] = i % 3
                latest[0] = run_pipeline(y, kernels, [0.0] * 4, s, cache=cache)
                inputs.append(y)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            done.set()

    import sys

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    worker = threading.Thread(target=strokes)
    worker.start()
    while not done.is_set():
        result = latest[0]
        for i in range(4):
            result.activated.block_extremes(i, 3)
            result.activated[i]
            result.pooled.block_extremes(i, 2)
    worker.join()
    sys.setswitchinterval(interval)
    assert not errors
    fresh = run_pipeline(inputs[-1], kernels, [0.0] * 4, s)
    same_result(latest[0], fresh)
    assert latest[0].extrema == fresh.extrema and cache.computed == 4 * 41


def test_a_frozen_input_is_known_by_identity_and_anything_else_by_value(case):
    """The document's input is read-only and owns its memory, so the cache keeps it, not a copy, and
    knows it by identity; an equal frozen copy is another input (convolved again, the same maps); a
    read-only *view* can change through its base, so it is still compared by value."""
    from convviz.model.cache import frozen
    from convviz.model.document import Document

    x, kernels, biases = case
    cache = PipelineCache()
    s = OpSettings(padding="same")
    x = frozen(x.copy())
    first = run_pipeline(x, kernels, biases, s, cache=cache)
    again = run_pipeline(x, kernels, biases, s, cache=cache)
    assert (cache.computed, cache.reused) == (3, 3) and again.raw[0] is first.raw[0]
    same_result(run_pipeline(frozen(x.copy()), kernels, biases, s, cache=cache), first)
    assert cache.computed == 6

    base = x.copy()
    view = base[:, :]
    view.flags.writeable = False
    run_pipeline(view, kernels, biases, s, cache=cache)
    base[0, 0] += 1.0  # the view changes with it
    same_result(run_pipeline(view, kernels, biases, s, cache=cache), run_pipeline(view, kernels, biases, s))

    doc = Document()
    doc.set_input(np.arange(16.0).reshape(4, 4))
    with pytest.raises(ValueError, match="read-only"):
        doc.input[0, 0] = 5.0
    doc.paint(np.array([1]), np.array([1]), 1.0)
    assert not doc.input.flags.writeable and doc.input[1, 1] == 1.0
