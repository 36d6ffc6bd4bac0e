"""``convviz.inspect``: a whole network, layer by layer, on one input, from Python and Jupyter.

``inspect(model, image)`` takes an in-memory Keras model, a model file (``.keras``/``.h5`` read in a child
process, ``.npz`` here), a :class:`~convviz.core.network.NetworkSpec` or ``"lecture"`` (the shipped
lecture CNN), computes every layer's output in numpy and returns a :class:`NetworkInspection`: the layers'
rows (as ``convviz inspect`` writes layers.json), their outputs, the class probabilities, and a labelled
sheet a notebook shows inline. ``convviz inspect`` writes the same result as files (:meth:`files`).
No Qt; TensorFlow only in the child that opens a Keras file (an in-memory model brings its own).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from convviz.core.network import NetworkSpec

__all__ = ["LECTURE", "LayerInfo", "LayerOutputs", "NetworkInspection", "fit_image", "inspect", "resolve_network"]

#: The name that stands for the lecture's trained CNN, shipped with convviz.
LECTURE = "lecture"

#: Which files of a folder belong to an earlier ``convviz inspect`` (replaced as a set with --force).
INSPECT_SET = re.compile(r"\d{2,}_.+\.(npy|png)|layers\.json|probabilities\.json|input\.png|overview\.png")


@dataclass(frozen=True)
class LayerInfo:
    """One row of layers.json: Keras's class name, the output shape without the batch axis, Keras's
    parameter count and the multiply-adds for one sample (core.network.counts)."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int
    macs: int

    def as_dict(self) -> dict:
        return {"name": self.name, "class": self.kind, "output_shape": list(self.output_shape),
                "params": self.params, "macs": self.macs}


class LayerOutputs(Sequence):
    """Each layer's output in order; ``outputs["conv1"]`` finds one by its layer's name."""

    def __init__(self, names: list[str], arrays: list[np.ndarray]):
        self._names, self._arrays = list(names), list(arrays)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._arrays[self._names.index(key)]
            except ValueError:
                raise KeyError(f"no layer named {key!r}; the layers are {', '.join(self._names)}") from None
        return self._arrays[key]

    def __len__(self) -> int:
        return len(self._arrays)

    def keys(self) -> list[str]:
        return list(self._names)

    def items(self):
        return list(zip(self._names, self._arrays))

    def __repr__(self) -> str:
        return "LayerOutputs(" + ", ".join(f"{n}: {shape_of(a)}" for n, a in self.items()) + ")"


def shape_of(arr) -> str:
    return "×".join(map(str, np.shape(arr)))


def resolve_network(model, *, class_names=None, timeout: float = 120.0) -> NetworkSpec:
    """``model`` as a NetworkSpec: a spec as it is, ``"lecture"``, a file, or an in-memory Keras model."""
    if isinstance(model, NetworkSpec):
        spec = model
    elif isinstance(model, (str, os.PathLike)):
        if str(model) == LECTURE:
            from convviz.resources_path import resource

            model = resource("models", "lecture_cnn.npz")
        from convviz.train.model_reader import load_network

        spec = load_network(model, timeout=timeout)
    elif _is_keras_model(model):
        from convviz.train.model_reader import read_model

        spec = read_model(model)
    else:
        raise TypeError(f"model must be a Keras model, a model file, a NetworkSpec or {LECTURE!r}, "
                        f"got {type(model).__name__}")
    if class_names is not None:
        spec = replace(spec, class_names=tuple(str(c) for c in class_names))
    if not spec.layers:
        raise ValueError(f"model '{spec.name}' has no layer convviz can compute"
                         + (f" ({spec.stopped_at})" if spec.stopped_at else ""))
    return spec


def _is_keras_model(obj) -> bool:
    # Asked without importing Keras: only a caller that has Keras can hold one of its models.
    keras = sys.modules.get("keras")
    return keras is not None and isinstance(obj, keras.Model)


def fit_image(spec: NetworkSpec, image) -> tuple[np.ndarray, str]:
    """``image`` (an array, or a file: an image read by its real range, or .npy/.csv/.txt) as the
    model's input, and a note saying what was done to fit it ("" when nothing): another size is
    resampled, colours averaged to grey or grey repeated, as in the network window."""
    from convviz.model.network_explorer import fit_input

    if isinstance(image, (str, os.PathLike)):
        from convviz.io.inputs import load_input

        image = load_input(image, rgb=spec.input_shape[-1] == 3 and len(spec.input_shape) == 3)
    return fit_input(image, tuple(spec.input_shape))


def ends_in_softmax(spec: NetworkSpec) -> bool:
    last = spec.layers[-1]
    return last.kind == "Softmax" or last.config.get("activation") == "softmax"


def inspect(model, image, *, class_names=None) -> "NetworkInspection":
    """Every layer's output for ``image`` through ``model`` (see the module's docstring).

    ``image``: an array or an image/.npy file; another size is resized to the model's input (the
    result's ``.note`` says so). Raises ValueError with one line for a model or an input that does not
    fit (an unknown keyword, a TypeError).
    """
    from convviz.core.network import forward
    from convviz.core.network.counts import summary_rows

    spec = resolve_network(model, class_names=class_names)
    x, note = fit_image(spec, image)
    with np.errstate(over="ignore", invalid="ignore"):
        outputs = list(forward(spec, x))
    rows = [LayerInfo(r["name"], r["class"], tuple(r["output_shape"]), int(r["params"]), int(r["macs"]))
            for r in summary_rows(spec)]
    probabilities = None
    if ends_in_softmax(spec) and outputs[-1].ndim == 1:
        probabilities = outputs[-1]
    if class_names is not None and (probabilities is None or len(spec.class_names) != probabilities.size):
        classes = "no class probabilities" if probabilities is None else f"{probabilities.size} classes"
        raise ValueError(f"class_names has {len(spec.class_names)} names; model '{spec.name}' gives {classes}")
    return NetworkInspection(spec, x, note, rows, LayerOutputs([r.name for r in rows], outputs), probabilities)


class NetworkInspection:
    """What :func:`inspect` found: ``layers`` (:class:`LayerInfo` rows), ``outputs`` (one array per layer,
    also by name), ``probabilities`` (None unless the model ends in softmax), ``input`` (as the model
    took it), ``note`` (how it was fitted), ``spec``; ``sheet(layer)`` and the inline overview picture."""

    def __init__(self, spec: NetworkSpec, x: np.ndarray, note: str, layers: list[LayerInfo],
                 outputs: LayerOutputs, probabilities: np.ndarray | None):
        self.spec, self.input, self.note = spec, x, note
        self.layers, self.outputs, self.probabilities = layers, outputs, probabilities

    @property
    def class_names(self) -> tuple[str, ...]:
        """The classes' names when the model carries one per probability, else their numbers."""
        if self.probabilities is None:
            return ()
        n = self.probabilities.size
        return self.spec.class_names if len(self.spec.class_names) == n else tuple(str(i) for i in range(n))

    @property
    def predicted(self) -> str | None:
        """The most probable class's name (None without probabilities)."""
        return None if self.probabilities is None else self.class_names[int(self.probabilities.argmax())]

    def _index(self, layer) -> int:
        if isinstance(layer, str):
            names = self.outputs.keys()
            if layer not in names:
                raise KeyError(f"no layer named {layer!r}; the layers are {', '.join(names)}")
            return names.index(layer)
        return range(len(self.layers))[layer]

    def _title(self, i: int) -> tuple[str, str]:
        info = self.layers[i]
        title = f"{self._prefix(i)} {info.name} ({info.kind}) → {shape_of(self.outputs[i])}"
        details = f"{info.params:,} parameters · {info.macs:,} multiply-adds · model '{self.spec.name}'"
        return title, details

    def _prefix(self, i: int) -> str:
        return f"{i:0{max(2, len(str(len(self.layers) - 1)))}d}"

    def sheet(self, layer=-1):
        """One layer's maps (by index or name; the last by default) as a labelled PIL image."""
        from convviz.render.network_sheet import layer_sheet

        i = self._index(layer)
        last = i == len(self.layers) - 1
        title, details = self._title(i)
        return layer_sheet(title, details, self.outputs[i],
                           probabilities=self.probabilities if last else None, class_names=self.class_names)

    def overview(self):
        """The input and every layer's first maps on one labelled sheet (a PIL image)."""
        from convviz.render.network_sheet import network_overview

        rows = [(f"{self._prefix(i)} {info.name} ({info.kind}) → {shape_of(self.outputs[i])}", self.outputs[i])
                for i, info in enumerate(self.layers)]
        heading = f"{self.spec.name}: {len(self.layers)} layers, {sum(i.params for i in self.layers):,} parameters"
        if self.predicted is not None:
            heading += f" · predicted: {self.predicted} ({100 * float(self.probabilities.max()):.1f}%)"
        return network_overview(heading, self.input, rows, probabilities=self.probabilities,
                                 class_names=self.class_names)

    def _repr_png_(self) -> bytes:
        from convviz.export.files import png_bytes

        return png_bytes(self.overview())

    def file_names(self) -> list[str]:
        return [f"{self._prefix(i)}_{_safe(info.name)}" for i, info in enumerate(self.layers)]

    def files(self) -> dict[str, bytes]:
        """What ``convviz inspect`` writes, as {file name: bytes}: layers.json, NN_<layer>.npy and .png per
        layer, probabilities.json when the model ends in softmax."""
        from convviz.export.files import npy_bytes, png_bytes

        document = {"model": self.spec.name, "input_shape": list(self.spec.input_shape),
                    "layers": [info.as_dict() for info in self.layers]}
        if self.spec.stopped_at:
            document["stopped_at"] = self.spec.stopped_at
        files = {"layers.json": json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")}
        for i, stem in enumerate(self.file_names()):
            files[f"{stem}.npy"] = npy_bytes(self.outputs[i])
            files[f"{stem}.png"] = png_bytes(self.sheet(i))
        if self.probabilities is not None:
            probs = [float(p) for p in self.probabilities]
            files["probabilities.json"] = json.dumps(
                {"classes": list(self.class_names), "probabilities": probs, "predicted": self.predicted},
                indent=1, ensure_ascii=False).encode("utf-8")
        return files

    def save(self, out_dir, *, force: bool = False) -> list[Path]:
        """Write :meth:`files` into ``out_dir`` as one set (an earlier set there only with ``force``)."""
        from convviz.io.atomic import staged_set

        out_dir = Path(out_dir)
        files = self.files()
        with staged_set(out_dir, belongs=lambda name: INSPECT_SET.fullmatch(name) is not None,
                        overwrite=force) as tmp:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
        return [out_dir / name for name in files]

    def __repr__(self) -> str:
        lines = [f"<convviz.NetworkInspection of '{self.spec.name}' on a {shape_of(self.input)} input"
                 + (f" ({self.note})" if self.note else "") + ">"]
        width = max(len(f"{i.name} ({i.kind})") for i in self.layers)
        for info in self.layers:
            name, shape = f"{info.name} ({info.kind})", "×".join(map(str, info.output_shape))
            lines.append(f"  {name:<{width}}  {shape:>12}  {info.params:>10,} params  {info.macs:>12,} MACs")
        if self.spec.stopped_at:
            lines.append(f"  stopped: {self.spec.stopped_at}")
        if self.predicted is not None:
            lines.append(f"  predicted: {self.predicted} ({100 * float(self.probabilities.max()):.1f}%)")
        return "\n".join(lines)


def _safe(name: str) -> str:
    """A layer's name as part of a file name: letters, digits, '-', '_' and '.'; anything else '_'."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name).lstrip(".") or "layer"
