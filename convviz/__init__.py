"""convviz: make the arithmetic of convolutional networks visible.

The Python API, for scripts and notebooks::

    import convviz
    r = convviz.explain(x, kernel, padding="same", pool="max")   # arrays, steps, pictures, code
    convviz.show(x, kernel, padding="same")                       # the explorer window on them

``import convviz`` stays light: the API's modules (NumPy, Pillow; Qt only when a window
opens, TensorFlow never) load on first use, so the command line starts as fast as before.
"""

__version__ = "0.1.0"

__all__ = ["explain", "show", "inspect", "Explanation", "__version__"]

_LAZY = {"explain": "convviz.api", "Explanation": "convviz.api", "show": "convviz.viewer",
         "inspect": "convviz.api_network"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'convviz' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup finds it without coming here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
