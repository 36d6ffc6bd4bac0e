"""Start-up: psygnal is imported on a second thread while Qt loads (checked in fresh processes)."""

import os
import subprocess
import sys
import textwrap

# Records which thread finds psygnal (a meta path finder sees every import first), and can
# make psygnal fail to import.
RECORDER = textwrap.dedent(
    """
    import sys, threading
    FAIL = {fail}
    found = []

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            if name == "psygnal":
                found.append(threading.current_thread().name)
                if FAIL:
                    raise ImportError("psygnal made unimportable by the test")
            return None

    sys.meta_path.insert(0, Recorder())
    """
)


def _run(code: str, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=str(tmp_path))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_psygnal_is_imported_on_a_second_thread_and_used_by_the_window(tmp_path):
    code = RECORDER.format(fail=False) + textwrap.dedent(
        """
        from convviz.ui.app import _application
        app = _application()
        from convviz.ui.qt_main_window import QtMainWindow
        win = QtMainWindow(synchronous=True, restore=False)
        win.show()
        app.processEvents()
        print("FOUND:", found)
        win.close()
        """
    )
    proc = _run(code, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # Found once, by the helper thread: the window's own import found it loaded (or waited).
    assert "FOUND: ['convviz-import-psygnal']" in proc.stdout, proc.stdout + proc.stderr[-2000:]


def test_a_failed_import_on_the_thread_is_reported_by_the_windows_own_import(tmp_path):
    code = RECORDER.format(fail=True) + textwrap.dedent(
        """
        from convviz.ui.app import _application
        import threading
        app = _application()
        for thread in threading.enumerate():
            if thread.name == "convviz-import-psygnal":
                thread.join()
        print("THREAD DONE", found)
        from convviz.ui.qt_main_window import QtMainWindow
        """
    )
    proc = _run(code, tmp_path)
    assert "THREAD DONE ['convviz-import-psygnal']" in proc.stdout, proc.stdout + proc.stderr[-2000:]
    # The thread kept quiet; the main thread's import raised the error, once.
    assert proc.returncode == 1
    assert "Exception in thread" not in proc.stderr
    assert proc.stderr.count("psygnal made unimportable by the test") == 1, proc.stderr[-2000:]
