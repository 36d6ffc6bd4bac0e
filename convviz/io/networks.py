"""A network spec as one ``.npz`` file: the weights as arrays and one JSON entry for the rest.

The lecture's model ships in this form so it opens without TensorFlow; a model read from Keras in a
child process can be kept the same way. Nothing is pickled (``allow_pickle=False``), the file is
written atomically, and on reading every size and every field of the JSON is checked before use, so a
truncated or foreign file is one clear :class:`NetworkFileError` (a ``ValueError``).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from convviz.core.network.spec import LayerSpec, NetworkSpec
from convviz.io.atomic import atomic_path, require_regular_file

FORMAT = "convviz-network"
VERSION = 1
SPEC_ENTRY = "spec_json"

#: A file, and the arrays it unpacks to, may hold this much: a few hundred million parameters at most.
MAX_FILE_BYTES = 1 << 30
MAX_ARRAY_BYTES = 2 << 30
MAX_JSON_BYTES = 16 << 20
MAX_LAYERS = 10_000
MAX_AXES = 8


class NetworkFileError(ValueError):
    """A network file that cannot be read, with one line saying why."""


def _weight_key(layer: int, index: int) -> str:
    return f"w{layer}_{index}"


def _json_safe(value, where: str):
    """``value`` as JSON types only (tuples as lists, numpy numbers as Python's); a name says where not."""
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_safe(v, where) for v in (value.tolist() if isinstance(value, np.ndarray) else value)]
    if isinstance(value, dict):
        return {str(k): _json_safe(v, where) for k, v in value.items()}
    raise ValueError(f"{where}: {type(value).__name__} is not JSON data")


def spec_document(spec: NetworkSpec) -> dict:
    """Everything but the weights' values, as JSON data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": spec.name,
        "input_shape": [int(n) for n in spec.input_shape],
        "class_names": [str(c) for c in spec.class_names],
        "stopped_at": spec.stopped_at,
        "layers": [
            {
                "name": layer.name,
                "kind": layer.kind,
                "config": _json_safe(layer.config, f"layer {layer.name!r}'s config"),
                "params": None if layer.params is None else int(layer.params),
                "weights": [list(np.shape(w)) for w in layer.weights],
            }
            for layer in spec.layers
        ],
    }


def save_network(path, spec: NetworkSpec) -> Path:
    """Write ``spec`` to ``path`` (.npz) atomically: a failure leaves any earlier file as it was."""
    path = Path(path)
    document = json.dumps(spec_document(spec), ensure_ascii=False, allow_nan=False)
    arrays = {SPEC_ENTRY: np.frombuffer(document.encode("utf-8"), dtype=np.uint8)}
    for i, layer in enumerate(spec.layers):
        for j, weight in enumerate(layer.weights):
            arrays[_weight_key(i, j)] = np.ascontiguousarray(weight, dtype=np.float32)
    with atomic_path(path, suffix=".npz") as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
    return path


def read_network(path) -> NetworkSpec:
    """The spec saved by :func:`save_network`; anything else raises :class:`NetworkFileError`."""
    path = Path(path)
    require_regular_file(path, NetworkFileError, "a network file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise NetworkFileError(f"{path}: {size / 2**20:.0f} MB is larger than a network file may be "
                               f"({MAX_FILE_BYTES >> 20} MB)")
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares are checked before anything is unpacked (a zip bomb).
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_ARRAY_BYTES:
                raise NetworkFileError(f"{path}: unpacks to {unpacked / 2**20:.0f} MB, more than "
                                       f"{MAX_ARRAY_BYTES >> 20} MB")
            names = {info.filename for info in archive.infolist()}
    except zipfile.BadZipFile:
        raise NetworkFileError(f"{path}: not a convviz network file (not an .npz archive)") from None
    if f"{SPEC_ENTRY}.npy" not in names:
        raise NetworkFileError(f"{path}: not a convviz network file (no {SPEC_ENTRY} entry)")
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            document = _document(npz[SPEC_ENTRY], path)
            layers = tuple(_layer(i, entry, npz, path) for i, entry in enumerate(document["layers"]))
            expected = {f"{SPEC_ENTRY}.npy"} | {f"{_weight_key(i, j)}.npy" for i, layer in enumerate(layers)
                                                 for j in range(len(layer.weights))}
    except NetworkFileError:
        raise
    except ValueError as exc:
        if "pickle" in str(exc).lower():
            raise NetworkFileError(f"{path}: holds pickled objects, which convviz never loads") from None
        raise NetworkFileError(f"{path}: damaged ({str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        raise NetworkFileError(f"{path}: damaged ({exc.__class__.__name__}: {exc})") from None
    extra = sorted(names - expected)
    if extra:
        raise NetworkFileError(f"{path}: holds an entry its layers do not name ({extra[0]})")
    return NetworkSpec(
        name=document["name"], input_shape=tuple(document["input_shape"]), layers=layers,
        class_names=tuple(document["class_names"]), stopped_at=document["stopped_at"],
    )


def _document(raw: np.ndarray, path: Path) -> dict:
    if raw.dtype != np.uint8 or raw.ndim != 1 or raw.size > MAX_JSON_BYTES:
        raise NetworkFileError(f"{path}: its {SPEC_ENTRY} entry is not JSON text")
    try:
        document = json.loads(raw.tobytes().decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise NetworkFileError(f"{path}: its {SPEC_ENTRY} entry is not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NetworkFileError(f"{path}: not a convviz network file")
    if document.get("version") != VERSION:
        raise NetworkFileError(f"{path}: network file version {document.get('version')!r}; this convviz reads "
                               f"version {VERSION}")
    _require(isinstance(document.get("name"), str), path, "its name is not text")
    shape = document.get("input_shape")
    _require(isinstance(shape, list) and 1 <= len(shape) <= MAX_AXES and all(_count(n, 1) for n in shape), path,
             "its input_shape is not a list of positive sizes")
    names = document.get("class_names")
    _require(isinstance(names, list) and all(isinstance(c, str) for c in names), path,
             "its class_names are not a list of text")
    _require(document.get("stopped_at") is None or isinstance(document["stopped_at"], str), path,
             "its stopped_at is not text")
    layers = document.get("layers")
    _require(isinstance(layers, list) and len(layers) <= MAX_LAYERS, path, "its layers are not a list")
    return document


def _layer(i: int, entry, npz, path: Path) -> LayerSpec:
    where = f"layer {i}"
    _require(isinstance(entry, dict), path, f"{where} is not an object")
    for key, kind in (("name", str), ("kind", str), ("config", dict), ("weights", list)):
        _require(isinstance(entry.get(key), kind), path, f"{where} has no {key} of the right type")
    params = entry.get("params")
    _require(params is None or _count(params, 0), path, f"{where}'s params is not a count")
    weights = []
    for j, shape in enumerate(entry["weights"]):
        _require(isinstance(shape, list) and len(shape) <= MAX_AXES and all(_count(n, 0) for n in shape), path,
                 f"{where}'s weight {j} has no shape")
        key = _weight_key(i, j)
        _require(key in npz.files, path, f"{where}'s weight {j} is missing")
        array = npz[key]
        _require(array.dtype == np.float32 and list(array.shape) == shape, path,
                 f"{where}'s weight {j} is {array.dtype} {tuple(array.shape)}, not float32 {tuple(shape)}")
        _require(bool(np.isfinite(array).all()), path, f"{where}'s weight {j} holds NaN or infinite values")
        weights.append(array)
    return LayerSpec(name=entry["name"], kind=entry["kind"], config=entry["config"], weights=tuple(weights),
                     params=params)


def _count(value, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and least <= value < 2**40


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _require(condition: bool, path: Path, what: str) -> None:
    if not condition:
        raise NetworkFileError(f"{path}: damaged network file: {what}")


__all__ = ["NetworkFileError", "read_network", "save_network", "spec_document"]
