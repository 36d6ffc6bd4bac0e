"""The network explorer's state and rules (Qt-free): a model, an input, every layer's output, the
selected layer and unit, and the overlay on the input.

The controller talks to a view (the Qt window, or a fake in tests) through ``set_*`` methods and
announces its changes on psygnal ``events``.  The per-layer outputs are recomputed only when the
image or the model changes; selecting a layer or a unit reads the outputs it has.  A forward pass
too large for the GUI thread goes to ``background`` (one job in flight, the latest request wins,
a result for another model or an older input than the one shown is dropped: ndv's pattern).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

import numpy as np
from psygnal import Signal, SignalGroup

from convviz.core.network.spec import NetworkSpec

from .pen import pen_cells

#: Multiply-adds above which the forward pass runs off the GUI thread (the lecture's CNN is 0.2 M).
BACKGROUND_MACS = 20_000_000
OVERLAYS = ("none", "saliency", "gradcam")


@dataclass(frozen=True)
class LayerRow:
    """One row of the layer table (Keras's summary plus multiply-adds)."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int
    macs: int


@dataclass(frozen=True)
class Engine:
    """The numpy functions the explorer uses (tests inject fakes; :func:`numpy_engine` is the real one)."""

    forward: Callable  # (spec, x) -> list of per-layer outputs
    output_shapes: Callable  # spec -> list of shapes
    macs: Callable  # spec -> list of multiply-adds per layer
    explain_unit: Callable | None = None  # (spec, outputs, layer, unit) -> explanation with .lines()
    receptive_field: Callable | None = None  # (spec, layer, unit) -> boxes per layer and in the input
    gradients: object | None = None  # a module with saliency(...) and grad_cam(...), if present


def numpy_engine() -> Engine:
    """convviz.core.network's forward pass, counts, explanations and receptive fields."""
    from convviz.core.network import counts
    from convviz.core.network.forward import forward

    explain = receptive = gradients = None
    try:
        from convviz.core.network.units import explain_unit as explain
    except ImportError:  # pragma: no cover - the engine is built in parts
        pass
    try:
        from convviz.core.network.receptive import receptive_field as receptive
    except ImportError:  # pragma: no cover
        pass
    try:
        from convviz.core.network import gradients
    except ImportError:
        pass
    return Engine(forward, counts.output_shapes, counts.macs, explain, receptive, gradients)


class NetworkView(Protocol):
    def set_network(self, spec: NetworkSpec, rows: list[LayerRow]) -> None: ...
    def set_input(self, image: np.ndarray, note: str) -> None: ...
    def set_layer(self, index: int, output: np.ndarray | None) -> None:
        """Show layer ``index``'s output (None while it is being computed)."""
    def set_unit(self, layer: int, unit: tuple[int, ...] | None, explanation, receptive) -> None: ...
    def set_overlay(self, mode: str, heat: np.ndarray | None, class_index: int) -> None: ...
    def set_busy(self, busy: bool) -> None: ...
    def show_error(self, message: str) -> None: ...


class ExplorerEvents(SignalGroup):
    model = Signal(object)  # the NetworkSpec
    image = Signal(object)  # the model-sized input
    outputs = Signal(object)  # the list of per-layer outputs
    selection = Signal(int, object)  # layer index, unit (a tuple) or None
    overlay = Signal(str, int)  # mode, class index


# --------------------------------------------------------------------- the input
def resample(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """``image`` (H, W[, C]) at ``height`` x ``width`` by area averaging: each new cell is the mean
    of the old cells it covers (weighted by overlap), so shrinking keeps thin strokes as grey and
    enlarging repeats cells."""
    image = np.asarray(image, dtype=np.float64)

    def weights(n_in: int, n_out: int) -> np.ndarray:
        edges_out = np.arange(n_out + 1) * (n_in / n_out)
        lo, hi = edges_out[:-1, None], edges_out[1:, None]
        cells = np.arange(n_in)[None, :]
        overlap = np.clip(np.minimum(hi, cells + 1) - np.maximum(lo, cells), 0, None)
        return overlap / overlap.sum(axis=1, keepdims=True)

    rows, cols = weights(image.shape[0], height), weights(image.shape[1], width)
    return np.einsum("ah,hw...,bw->ab...", rows, image, cols)


def fit_input(image, input_shape: tuple[int, ...], tr=lambda s: s) -> tuple[np.ndarray, str]:
    """``image`` as the model takes it (float32 of ``input_shape``), and a note saying what was done
    to it ("" when nothing).  Colours become grey for a one-channel model, grey is repeated for a
    colour one; another size is resampled (:func:`resample`)."""
    x = np.asarray(image)
    if x.dtype.kind not in "fiub" or x.size == 0:
        raise ValueError(tr("The input must be an array of numbers."))
    x = x.astype(np.float64)
    if not np.isfinite(x).all():
        raise ValueError(tr("The input holds NaN or infinite values."))
    notes = []
    spatial = input_shape[:-1]
    channels = input_shape[-1]
    if len(spatial) == 1:  # a 1D model (Conv1D): a signal, or an image's rows one after another
        if x.ndim == 1:
            x = x[:, None]
        elif not (x.ndim == 2 and x.shape[-1] == channels):
            x = x.reshape(-1, 1)
            notes.append(tr("read row by row as a signal"))
    elif x.ndim == 2:
        x = x[:, :, None]
    elif x.ndim != 3:
        raise ValueError(tr("The input must be an image (rows × columns, or with channels)."))
    if x.shape[-1] != channels:
        if channels == 1:
            x = x.mean(axis=-1, keepdims=True)
            notes.append(tr("colours averaged to grey"))
        elif x.shape[-1] == 1:
            x = np.repeat(x, channels, axis=-1)
            notes.append(tr("grey repeated in {n} channels").format(n=channels))
        else:
            raise ValueError(tr("The model takes {m} channels; the input has {n}.").format(m=channels, n=x.shape[-1]))
    if x.shape[:-1] != tuple(spatial):
        before = "×".join(map(str, x.shape[:-1]))
        if len(spatial) == 1:
            x = resample(x[:, None, :], spatial[0], 1)[:, 0, :]
        else:
            x = resample(x, *spatial)
        notes.append(tr("resized from {a} to {b}").format(a=before, b="×".join(map(str, spatial))))
    return np.ascontiguousarray(x, dtype=np.float32), "; ".join(notes)


# ------------------------------------------------------------ a trained CNN
def network_from_cnn(config, weights, image_shape, class_names=(), scaling=None,
                     name: str = "trained CNN") -> NetworkSpec:
    """The training window's network (a :class:`convviz.model.training.TrainConfig` and its weights in
    Keras's order) as a NetworkSpec with the layers and names convviz.train.keras_model builds."""
    from convviz.core.network.spec import LayerSpec

    from .training import InputScaling

    w = [np.asarray(a, dtype=np.float32) for a in weights]
    pool_kind = "MaxPooling2D" if config.pool == "max" else "AveragePooling2D"
    pool = {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid"}
    conv = {"kernel_size": [config.kernel_size] * 2, "padding": config.padding, "activation": "relu"}
    layers = []
    scaling = scaling or InputScaling()
    if config.standardize:
        layers.append(LayerSpec("standardize", "Rescaling", {"scale": scaling.scale, "offset": scaling.offset}))
    layers += [LayerSpec("conv1", "Conv2D", {**conv, "filters": int(w[0].shape[-1]),
                                             "strides": [config.stride] * 2}, (w[0], w[1])),
               LayerSpec("pool1", pool_kind, dict(pool))]
    rest = w[2:]
    if config.second_block:
        layers += [LayerSpec("conv2", "Conv2D", {**conv, "filters": int(w[2].shape[-1]), "strides": [1, 1]},
                             (w[2], w[3])),
                   LayerSpec("pool2", pool_kind, dict(pool))]
        rest = w[4:]
    layers.append(LayerSpec("flatten", "Flatten"))
    if config.dropout > 0:
        layers.append(LayerSpec("dropout", "Dropout", {"rate": config.dropout}))
    layers += [LayerSpec("dense", "Dense", {"units": int(rest[0].shape[1]), "activation": "relu"}, (rest[0], rest[1])),
               LayerSpec("output", "Dense", {"units": int(rest[2].shape[1]), "activation": "softmax"},
                         (rest[2], rest[3]))]
    return NetworkSpec(name, (int(image_shape[0]), int(image_shape[1]), 1), tuple(layers),
                       class_names=tuple(class_names))


# ------------------------------------------------------------ receptive fields
def region_box(region):
    """A receptive-field region (convviz.core.network.receptive.Region) as ((row0, row1), (col0, col1)),
    inclusive, in its tensor's cells (a 1D map is row 0); None when it reads no cell of it."""
    if region is None or region.size == 0:
        return None
    box = region.box
    if len(box) == 1:
        return (0, 0), (box[0][0], box[0][1] - 1)
    return (box[0][0], box[0][1] - 1), (box[1][0], box[1][1] - 1)


def input_box(receptive):
    """The receptive field in the input's cells (``receptive``: receptive_field's list), or None."""
    return None if not receptive else region_box(receptive[0])


def layer_box(receptive, layer: int):
    """The receptive field in layer ``layer``'s output, or None (a layer after the unit's)."""
    if not receptive or not 0 <= layer + 1 < len(receptive):
        return None
    return region_box(receptive[layer + 1])


# ----------------------------------------------------------------- the controller
class NetworkExplorer:
    """Holds the model, the input and every layer's output; the view shows what it is told.

    ``background(work, done, failed)`` runs ``work()`` off the GUI thread and calls ``done`` or
    ``failed`` back in it; without one every forward pass runs at once (tests, small models).
    """

    def __init__(self, view: NetworkView | None = None, *, engine: Engine | None = None,
                 background: Callable | None = None, tr=lambda s: s):
        self.events = ExplorerEvents()
        self.view = view
        self.engine = engine or numpy_engine()
        self.background = background
        self.tr = tr
        self.spec: NetworkSpec | None = None
        self.rows: list[LayerRow] = []
        self.image: np.ndarray | None = None  # as the model takes it
        self.note = ""
        self.outputs: list[np.ndarray] | None = None
        self.layer = 0
        self.unit: tuple[int, ...] | None = None
        self.unit_layer = 0  # the layer the selected unit belongs to
        self.overlay = "none"
        self.overlay_class = -1  # -1: the predicted class
        self.forward_runs = 0
        self._model_generation = 0
        self._generation = 0  # of the newest request
        self._shown = 0  # generation of the outputs held
        self._busy = False
        self._pending = False

    # ------------------------------------------------------------------ model
    def set_model(self, spec: NetworkSpec, image=None) -> bool:
        """A new model; the input is kept (fitted to the new model) unless ``image`` is given.  A model
        whose layers cannot be computed is one message, and the model shown stays."""
        try:
            rows = self._rows(spec)
        except (ValueError, TypeError, IndexError) as exc:
            self._call("show_error", self.tr("{name}: {error}").format(name=spec.name, error=exc))
            return False
        self.spec, self.rows = spec, rows
        self._model_generation += 1
        self.outputs = None
        self.layer = self.default_layer(spec)
        self.unit = None
        self._call("set_network", spec, rows)
        self.events.model.emit(spec)
        source = image if image is not None else self.image
        if source is None or np.asarray(source).size == 0:
            source = np.zeros(spec.input_shape, dtype=np.float32)
        self.set_input(source)
        return True

    def _rows(self, spec: NetworkSpec) -> list[LayerRow]:
        shapes = self.engine.output_shapes(spec)
        macs = self.engine.macs(spec)
        return [LayerRow(layer.name, layer.kind, tuple(int(n) for n in shape), int(layer.param_count), int(m))
                for layer, shape, m in zip(spec.layers, shapes, macs)]

    @staticmethod
    def default_layer(spec: NetworkSpec) -> int:
        """The first convolution (what the lecture starts from), else the first layer."""
        for i, layer in enumerate(spec.layers):
            if "Conv" in layer.kind:
                return i
        return 0

    @property
    def totals(self) -> tuple[int, int]:
        """(parameters, multiply-adds) of the whole model."""
        return sum(r.params for r in self.rows), sum(r.macs for r in self.rows)

    # ------------------------------------------------------------------ input
    def set_input(self, image, origin: str = "") -> bool:
        """A new input (any size: fitted to the model with a note); False and an error on bad input."""
        if self.spec is None:
            return False
        try:
            fitted, note = fit_input(image, self.spec.input_shape, self.tr)
        except ValueError as exc:
            self._call("show_error", str(exc))
            return False
        self.note = "; ".join(p for p in (origin, note) if p)
        self._set_image(fitted)
        return True

    def draw(self, start: tuple[int, int], end: tuple[int, int], size: int, erase: bool = False) -> None:
        """A pen segment on the input: 1 (white ink, as the training images are drawn), or 0 to erase."""
        if self.image is None or self.image.ndim != 3:
            return
        rows, cols = pen_cells(start, end, size, self.image.shape[:2])
        value = 0.0 if erase else 1.0
        if rows.size == 0 or np.all(self.image[rows, cols] == value):
            return  # nothing changes: no forward pass
        image = self.image.copy()  # a job in flight reads the old array
        image[rows, cols] = value
        self.note = ""
        self._set_image(image)

    def clear(self) -> None:
        if self.image is not None:
            self.note = ""
            self._set_image(np.zeros_like(self.image))

    def _set_image(self, image: np.ndarray) -> None:
        self.image = image
        self._call("set_input", image, self.note)
        self.events.image.emit(image)
        self._request()

    # ---------------------------------------------------------------- forward
    def _request(self) -> None:
        self._generation += 1
        if self._busy:
            self._pending = True  # coalesced: one job follows the running one, with the input as it is then
            return
        self._start()

    def _start(self) -> None:
        spec, image, gen, model_gen = self.spec, self.image, self._generation, self._model_generation
        self.forward_runs += 1

        def work():
            return self.engine.forward(spec, image)

        def done(outputs):
            self._finished(gen, model_gen, outputs, None)

        def failed(exc):
            self._finished(gen, model_gen, None, exc)

        if self.background is None or sum(r.macs for r in self.rows) < BACKGROUND_MACS:
            try:
                outputs = work()
            except (ValueError, ArithmeticError) as exc:
                failed(exc)
                return
            done(outputs)
            return
        self._busy = True
        self._call("set_busy", True)
        self.background(work, done, failed)

    def _finished(self, gen: int, model_gen: int, outputs, exc) -> None:
        was_busy = self._busy
        self._busy = False
        fresh = model_gen == self._model_generation and gen > self._shown
        if fresh:
            self._shown = gen
            if exc is not None:
                self.outputs = None
                self._call("show_error", self.tr("The forward pass failed: {error}").format(error=exc))
            else:
                self.outputs = outputs if isinstance(outputs, list) else list(outputs)  # keeps forward's .input
                self.events.outputs.emit(self.outputs)
                self._show_layer()
                self._show_unit()
                self._show_overlay()
        if self._pending:
            self._pending = False
            self._start()
        elif was_busy:
            self._call("set_busy", False)

    @property
    def busy(self) -> bool:
        return self._busy or self._pending

    # -------------------------------------------------------------- selection
    def select_layer(self, index: int) -> None:
        """Show layer ``index``'s maps; a selected unit stays (its receptive field shows on earlier layers)."""
        if self.spec is None or not 0 <= index < len(self.spec.layers) or index == self.layer:
            return
        self.layer = index
        self._show_layer()
        if self.unit is not None:
            self._show_unit()
        self.events.selection.emit(self.layer, self.unit)

    def select_unit(self, unit: tuple[int, ...] | None, layer: int | None = None) -> None:
        """Explain ``unit`` (an index into the layer's output) of ``layer`` (the shown one by default)."""
        if self.spec is None:
            return
        layer = self.layer if layer is None else layer
        if unit is not None:
            shape = self.rows[layer].output_shape
            unit = tuple(int(i) for i in unit)
            if len(unit) != len(shape) or not all(0 <= i < n for i, n in zip(unit, shape)):
                return
        self.unit, self.unit_layer = unit, layer
        self._show_unit()
        self.events.selection.emit(self.layer, self.unit)

    def _show_layer(self) -> None:
        output = None if self.outputs is None else self.outputs[self.layer]
        self._call("set_layer", self.layer, output)

    def explanation(self):
        """The selected unit's arithmetic (N1's explanation), or None."""
        if self.unit is None or self.outputs is None or self.engine.explain_unit is None:
            return None
        return self.engine.explain_unit(self.spec, self.outputs, self.unit_layer, self.unit)

    def receptive(self):
        if self.unit is None or self.engine.receptive_field is None:
            return None
        return self.engine.receptive_field(self.spec, self.unit_layer, self.unit)

    def _show_unit(self) -> None:
        if self.unit is None:
            self._call("set_unit", self.unit_layer, None, None, None)
            return
        try:
            explanation, receptive = self.explanation(), self.receptive()
        except (ValueError, IndexError, NotImplementedError) as exc:
            self._call("show_error", str(exc))
            return
        self._call("set_unit", self.unit_layer, self.unit, explanation, receptive)

    # --------------------------------------------------------------- overlays
    @property
    def overlays_available(self) -> bool:
        return self.engine.gradients is not None

    def set_overlay(self, mode: str, class_index: int = -1) -> None:
        if mode not in OVERLAYS:
            raise ValueError(f"unknown overlay {mode!r}")
        self.overlay, self.overlay_class = mode, int(class_index)
        self._show_overlay()
        self.events.overlay.emit(mode, self.overlay_class)

    def predicted_class(self) -> int:
        if not self.outputs:
            return -1
        return int(np.argmax(self.outputs[-1]))

    def overlay_heat(self) -> np.ndarray | None:
        """Saliency or Grad-CAM of the chosen class over the input's rows and columns, or None."""
        if self.overlay == "none" or not self.overlays_available or self.outputs is None:
            return None
        cls = self.overlay_class if self.overlay_class >= 0 else self.predicted_class()
        grads = self.engine.gradients
        if self.overlay == "saliency":
            heat = grads.saliency(self.spec, self.image, cls, outputs=self.outputs)
        else:
            heat = grads.grad_cam(self.spec, self.image, cls, outputs=self.outputs)
        heat = np.asarray(heat, dtype=np.float64)
        return np.abs(heat).max(axis=-1) if heat.ndim == 3 else heat

    def _show_overlay(self) -> None:
        if self.view is None or self.spec is None:
            return
        try:
            heat = self.overlay_heat()
        except (ValueError, NotImplementedError) as exc:
            self._call("show_error", str(exc))
            return
        cls = self.overlay_class if self.overlay_class >= 0 else self.predicted_class()
        self._call("set_overlay", self.overlay, heat, cls)

    # ------------------------------------------------------------------ view
    def _call(self, name: str, *args) -> None:
        if self.view is not None:
            getattr(self.view, name)(*args)
