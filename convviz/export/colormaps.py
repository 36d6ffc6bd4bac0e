"""Moved to :mod:`convviz.render.colormaps`; this alias keeps old imports working."""

import sys

from convviz.render import colormaps as _module

sys.modules[__name__] = _module
