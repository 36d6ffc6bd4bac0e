"""Moved to :mod:`convviz.render.labels`; this alias keeps old imports working."""

import sys

from convviz.render import labels as _module

sys.modules[__name__] = _module
