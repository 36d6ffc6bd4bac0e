"""The window opens without importing TensorFlow or Keras (checked in a fresh process)."""

import os
import subprocess
import sys
import textwrap


def test_window_opens_without_tensorflow(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        from convviz.cli import main  # the entry point's own imports
        from convviz.ui.qt_main_window import QtMainWindow
        win = QtMainWindow(synchronous=True, restore=False)
        win.show()
        app.processEvents()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
        print("HEAVY:", heavy)
        win.close()
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "HEAVY: []" in proc.stdout, proc.stdout
