"""Keras for the network tests: oneDNN off (it fails on some transposed shapes on this machine)."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
