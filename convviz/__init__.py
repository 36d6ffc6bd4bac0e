"""convviz: make the arithmetic of convolutional networks visible."""

__version__ = "0.1.0"
