"""A Keras model as a :class:`~convviz.core.network.NetworkSpec`: its chain of layers, configs and weights.

:func:`read_model` reads a model object in this process (the caller has Keras already: a notebook, the
training child). :func:`load_network` opens a file: ``.npz`` specs here, without TensorFlow; ``.keras``
and ``.h5`` in a child process with Keras's safe mode, so TensorFlow never enters the caller's
interpreter and a file cannot run code. Whatever the model, the result is a spec or one plain line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from convviz.core.network.spec import LayerSpec, NetworkSpec

KERAS_SUFFIXES = (".keras", ".h5", ".hdf5")
NETWORK_SUFFIXES = KERAS_SUFFIXES + (".npz",)

#: Keys of ``get_config()`` that only matter for training or serialisation, never for the forward pass.
_TRAINING_ONLY = ("name", "trainable", "dtype", "build_config", "seed", "quantization_config",
                  "activity_regularizer", "compile_config")


class ModelReadError(ValueError):
    """A model that cannot be read, with one line saying why."""


def read_model(model, *, class_names=(), name: str | None = None) -> NetworkSpec:
    """The chain of layers of a Keras ``model`` (Sequential, or functional as one chain) as a spec.

    A branch, a layer with several inputs or a layer convviz cannot compute ends the chain there:
    the layers before it are kept and ``stopped_at`` says which layer and why. Any other problem
    raises :class:`ModelReadError` with one plain line.
    """
    from convviz.train.data import plain_error

    try:
        return _read(model, tuple(str(c) for c in class_names), name)
    except ModelReadError:
        raise
    except Exception as exc:  # Keras's errors are many lines with colour codes
        raise ModelReadError(plain_error(exc)) from None


def _read(model, class_names: tuple[str, ...], name: str | None) -> NetworkSpec:
    import keras

    if not isinstance(model, keras.Model):
        raise ModelReadError(f"expected a Keras model, got {type(model).__name__}")
    input_shape = _input_shape(model)
    chain, stopped_at = _chain(model)
    layers: list[LayerSpec] = []
    for layer in chain:
        try:
            layers.append(_layer_spec(layer))
        except Exception as exc:  # an exotic layer whose weights or config cannot be read
            from convviz.train.data import plain_error

            stopped_at = f"{_named(layer)} could not be read: {plain_error(exc)}"
            break
    spec = NetworkSpec(name=name or model.name, input_shape=input_shape, layers=tuple(layers),
                       class_names=class_names, stopped_at=stopped_at)
    return _up_to_first_unsupported(spec)


def _up_to_first_unsupported(spec: NetworkSpec) -> NetworkSpec:
    """``spec`` cut before the first layer the numpy engine cannot compute, saying which and why."""
    from dataclasses import replace

    from convviz.core.network import first_unsupported

    found = first_unsupported(spec)
    if found is None:
        return spec
    index, reason = found
    layer = spec.layers[index]
    prefix = f"layer '{layer.name}' ({layer.kind}) "
    why = reason[len(prefix):] if reason.startswith(prefix) else reason
    return replace(spec, layers=spec.layers[:index],
                   stopped_at=f"{prefix}is not supported: it {why.rstrip('.')}")


def _named(layer) -> str:
    return f"layer '{layer.name}' ({layer.__class__.__name__})"


def _input_shape(model) -> tuple[int, ...]:
    import keras

    if not isinstance(model, keras.Sequential) and not hasattr(model, "_nodes_by_depth"):
        raise ModelReadError(f"model '{model.name}' is a subclassed keras.Model (its call() is Python code): convviz "
                             "reads Sequential and functional models, whose layers it can follow")
    inputs = getattr(model, "inputs", None)
    if not inputs:
        raise ModelReadError(f"model '{model.name}' has no input shape yet: start it with keras.Input(shape=...) "
                             "or call model.build(...)")
    if len(inputs) != 1:
        raise ModelReadError(f"model '{model.name}' has {len(inputs)} inputs; convviz follows a model with one")
    shape = tuple(inputs[0].shape)[1:]
    if not shape or not all(isinstance(n, int) and n > 0 for n in shape):
        raise ModelReadError(f"model '{model.name}' takes inputs of shape {shape}: convviz needs every size "
                             "known (keras.Input(shape=(28, 28, 1)), not None)")
    return tuple(int(n) for n in shape)


def _chain(model) -> tuple[list, str | None]:
    """The model's layers from its input on, as long as each takes the one before it and feeds only
    the next; nested models are opened up. The reason the chain ends early, or None."""
    import keras

    own, stopped = _own_chain(model)
    flat: list = []
    for layer in own:
        if isinstance(layer, keras.Model):
            inner, inner_stopped = _chain(layer)
            flat.extend(inner)
            if inner_stopped:
                return flat, inner_stopped
        else:
            flat.append(layer)
    return flat, stopped


def _own_chain(model) -> tuple[list, str | None]:
    import keras

    if isinstance(model, keras.Sequential):
        return [layer for layer in model.layers if layer.__class__.__name__ != "InputLayer"], None
    # A layer used in other models too has nodes there; only this model's nodes count.
    by_depth = getattr(model, "_nodes_by_depth", None)
    nodes = None if by_depth is None else {id(node) for level in by_depth.values() for node in level}

    def mine(node_list):
        """The distinct nodes of this model (a layer taking one tensor twice lists its node twice)."""
        found = {id(node): node for node in node_list if nodes is None or id(node) in nodes}
        return list(found.values())

    layers = model.layers
    if not layers or layers[0].__class__.__name__ != "InputLayer":
        raise ModelReadError(f"model '{model.name}' does not start from an input layer")
    chain, previous = [], layers[0]
    for layer in layers[1:]:
        if len(mine(previous._outbound_nodes)) > 1:
            return chain, f"{_named(previous)} feeds {len(mine(previous._outbound_nodes))} layers (a branch): " \
                          "convviz follows a single chain, up to there"
        inbound = mine(layer._inbound_nodes)
        if len(inbound) != 1:
            return chain, f"{_named(layer)} is used {len(inbound)} times in the model: convviz follows a single chain"
        parents = inbound[0].parent_nodes
        if len(parents) != 1:
            return chain, f"{_named(layer)} takes {len(parents)} inputs: convviz follows a single chain, up to there"
        if parents[0].operation is not previous:
            source = parents[0].operation
            return chain, (f"{_named(layer)} takes its input from '{source.name}' ({source.__class__.__name__}), "
                           "not from the layer before it: convviz follows a single chain, up to there")
        chain.append(layer)
        previous = layer
    return chain, None


def _layer_spec(layer) -> LayerSpec:
    weights = tuple(np.asarray(w, dtype=np.float32) for w in layer.get_weights())
    config = _config(layer.get_config())
    policy = getattr(layer, "dtype_policy", None)
    if policy is not None:  # the engine refuses mixed precision: it computes in float32 only
        config["dtype"] = str(policy.name)
    return LayerSpec(name=layer.name, kind=layer.__class__.__name__, config=config, weights=weights,
                     params=int(layer.count_params()))


def _config(config: dict) -> dict:
    """The JSON-safe part of ``get_config()`` the computation needs: tuples as lists, no initialisers."""
    kept = {}
    for key, value in config.items():
        if key in _TRAINING_ONLY or key.endswith(("_initializer", "_regularizer", "_constraint")):
            continue
        kept[key] = _json_safe(value)
    return kept


def _json_safe(value):
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else str(float(value))
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and tensors (Rescaling's scale may be one)
        return _json_safe(np.asarray(value).tolist())
    return str(value)


# ----------------------------------------------------------------------------------- files


def load_network(path, *, class_names=(), timeout: float = 120.0) -> NetworkSpec:
    """A network from a file: ``.npz`` (convviz.io.networks, no TensorFlow) or ``.keras``/``.h5`` (read in a
    child process with Keras's safe mode). Raises a ValueError with one line; gives up after ``timeout`` s."""
    path = _checked_path(path)
    if path.suffix.lower() == ".npz":
        from convviz.io.networks import read_network

        spec = read_network(path)
    else:
        spec = NetworkLoader(path).wait(timeout)
    if class_names:
        from dataclasses import replace

        spec = replace(spec, class_names=tuple(str(c) for c in class_names))
    return spec


def _checked_path(path) -> Path:
    from convviz.io.atomic import require_regular_file

    path = Path(path)
    if path.suffix.lower() not in NETWORK_SUFFIXES:
        raise ModelReadError(f"{path}: unknown model type {path.suffix!r}; expected {', '.join(NETWORK_SUFFIXES)}")
    require_regular_file(path, ModelReadError, "a model file")
    return path


class NetworkLoader:
    """Reads a ``.keras``/``.h5`` file in a child process: ``poll()`` from a timer, or ``wait()``.

    The child is a fresh interpreter (``python -m convviz.train.model_reader``), not a multiprocessing
    spawn, which would import the caller's ``__main__`` again (a script without a main guard would run
    twice). It writes the spec as ``.npz``, read back here with every check of convviz.io.networks, and
    one JSON line on stdout. ``cancel()`` ends it at once. After it finishes, ``spec`` or ``error`` holds
    the outcome, and ``timings`` how long TensorFlow's import and the opening took in the child.
    """

    def __init__(self, path):
        self.path = _checked_path(path)
        self.spec: NetworkSpec | None = None
        self.error: str | None = None
        self.timings: dict = {}
        self._folder = tempfile.mkdtemp(prefix="convviz-read-model-")
        self._out = os.path.join(self._folder, "spec.npz")
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL=os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"))
        # stderr goes to a file (TensorFlow's chatter would fill a pipe): its last line explains a crash.
        with open(os.path.join(self._folder, "stderr.txt"), "wb") as stderr:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "convviz.train.model_reader", str(self.path.resolve()), self._out],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, env=env)

    @property
    def done(self) -> bool:
        return self.spec is not None or self.error is not None

    def poll(self) -> bool:
        """Take the child's answer if it has come; True once done (``spec`` or ``error`` set)."""
        if self.done:
            return True
        if self._process.poll() is None:
            return False
        try:
            self._finish(self._process.communicate()[0])
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)
        return True

    def _finish(self, stdout: bytes) -> None:
        lines = stdout.decode("utf-8", "replace").strip().splitlines()
        try:
            answer = json.loads(lines[-1]) if lines else {}
        except json.JSONDecodeError:
            answer = {}
        if "error" in answer:
            self.error = str(answer["error"])
        elif answer.get("ok") and os.path.exists(self._out):
            from convviz.io.networks import read_network

            try:
                self.spec = read_network(self._out)
            except ValueError as exc:
                self.error = f"{self.path.name}: {exc}"
            self.timings = {k: v for k, v in answer.items() if k.endswith("_s")}
        else:
            self.error = (f"{self.path.name}: the process reading it ended unexpectedly "
                          f"(exit code {self._process.returncode}{self._last_error()})")

    def _last_error(self) -> str:
        """The child's last line that names an error (a Python exception's), as ': <line>', or ''."""
        try:
            with open(os.path.join(self._folder, "stderr.txt"), "rb") as fh:
                fh.seek(max(0, os.fstat(fh.fileno()).st_size - 8192))
                lines = fh.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return ""
        named = [line.strip() for line in lines if re.match(r"\w*(Error|Exception)\b", line.strip())]
        return f": {named[-1][:200]}" if named else ""

    def wait(self, timeout: float = 120.0) -> NetworkSpec:
        deadline = time.monotonic() + timeout
        try:
            while not self.poll():
                if time.monotonic() > deadline:
                    raise ModelReadError(f"{self.path.name}: opening it took longer than {timeout:g} s; gave up")
                time.sleep(0.02)
        finally:
            if not self.done:  # timed out, or interrupted (Ctrl+C): the child goes too
                self.cancel()
        if self.error is not None:
            raise ModelReadError(self.error)
        return self.spec

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)
        shutil.rmtree(self._folder, ignore_errors=True)
        if not self.done:
            self.error = f"{self.path.name}: cancelled"


def _child_main(path: str, out: str) -> int:
    """The child: open ``path`` with Keras (safe mode, no compile), write its spec to ``out``, and say
    how it went in one JSON line on stdout."""
    started = time.perf_counter()
    from convviz.train.process import _tie_to_window

    _tie_to_window()
    from convviz.train import import_tensorflow_quietly
    from convviz.train.data import plain_error

    try:
        import_tensorflow_quietly()  # its chatter would push a crash's explanation out of stderr.txt's last line
        import keras

        imported = time.perf_counter()
        # compile=False: the optimizer and loss are not needed, and restoring them costs time.
        model = keras.models.load_model(path, compile=False, safe_mode=True)
        spec = read_model(model, name=Path(path).stem)
        opened = time.perf_counter()
        from convviz.io.networks import save_network

        save_network(out, spec)
        answer = {"ok": True, "import_s": imported - started, "open_s": opened - imported,
                  "write_s": time.perf_counter() - opened}
    except Exception as exc:
        answer = {"error": f"{Path(path).name}: {plain_error(exc)}"}
    print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1], sys.argv[2]))
