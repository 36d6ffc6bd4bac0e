"""Float images through pg.ImageItem render offscreen without aborting the interpreter.

PySide6-Essentials 6.12.0 with pyqtgraph 0.14.0 aborted here ("Fatal Python
error: bool_dealloc"); the pin below 6.12 in pyproject.toml can be lifted on
the day this passes on a newer release.  It runs in a subprocess so an abort
fails this test instead of killing the suite.
"""

import os
import subprocess
import sys
import textwrap


def test_float32_image_renders_with_autolevels():
    code = textwrap.dedent(
        """
        import numpy as np
        import pyqtgraph as pg
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        w = pg.GraphicsLayoutWidget()
        vb = w.addViewBox()
        for arr in (np.random.default_rng(0).random((64, 48), dtype=np.float32),
                    np.linspace(-1, 1, 100, dtype=np.float32).reshape(10, 10)):
            item = pg.ImageItem(arr)  # autoLevels on: the path that aborted
            vb.addItem(item)
            item.render()
            assert item.qimage is not None
        w.resize(200, 200)
        w.show()
        app.processEvents()
        img = w.grab().toImage()
        assert img.width() > 0
        print("rendered")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rendered" in proc.stdout
