"""Moved to :mod:`convviz.render.pillow`; this alias keeps old imports working."""

import sys

from convviz.render import pillow as _module

sys.modules[__name__] = _module
