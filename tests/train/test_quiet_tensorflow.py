"""TensorFlow's start-up lines ("oneDNN custom operations are on", "Could not find cuda drivers") stay
off the terminal the window was started from: TF_CPP_MIN_LOG_LEVEL does not stop them in TensorFlow
2.21, so the training and model-loading children import it with stderr pointed away."""

import subprocess
import sys

import pytest

PROGRAM = """
import sys
from convviz.train import import_tensorflow_quietly
import_tensorflow_quietly()
import keras  # the children's next import: nothing more to say either
print("imported", file=sys.stderr)
"""


def test_the_children_import_tensorflow_without_a_word_on_stderr():
    plain = subprocess.run([sys.executable, "-c", "import convviz.train, tensorflow"], capture_output=True,
                           text=True, timeout=120)
    if not plain.stderr.strip():
        pytest.skip("this TensorFlow prints nothing at import: import_tensorflow_quietly can go")
    run = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "imported\n"  # stderr works again afterwards, and held nothing else
