"""Training a small CNN with Keras.

The only package that imports TensorFlow / Keras, and only inside functions,
so importing ``convviz.train`` costs nothing until training starts.
"""

import os

# Keep TensorFlow's C++ start-up chatter (CUDA probing on CPU-only machines) off the terminal.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
