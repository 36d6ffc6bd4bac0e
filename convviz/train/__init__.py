"""Training a small CNN with Keras.

The only package that imports TensorFlow / Keras, and only inside functions,
so importing ``convviz.train`` costs nothing until training starts.
"""

import os

# Keep TensorFlow's C++ start-up chatter (CUDA probing on CPU-only machines) off the terminal.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")


def import_tensorflow_quietly() -> None:
    """Import TensorFlow with this process's stderr pointed at /dev/null.  TensorFlow 2.21 writes
    absl lines before its log level is read ("oneDNN custom operations are on", "Could not find
    cuda drivers"), which TF_CPP_MIN_LOG_LEVEL does not stop: four lines on the lecturer's terminal
    at every training run.  For the child processes only; a failed import still raises here."""
    import sys

    if "tensorflow" in sys.modules:
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        try:
            import tensorflow  # noqa: F401
        finally:
            os.dup2(saved, 2)
    finally:
        os.close(saved)
