"""Kernels near the float limit: the table, the text and the maps show the same kernel.

A tester typed ``1e308, 2, 2; 2, 2, 2; 2, 2, 2`` into the kernel's text box: the table's tint
(120 · |v| / max) overflowed at its first cell, the exception ended the document's signal there,
and the table kept its old numbers while the maps used the new ones."""

from __future__ import annotations

import numpy as np
import pytest


def table_values(panel) -> np.ndarray:
    editor = panel.editor
    return np.array([[float(editor.item(r, c).text()) for c in range(editor.columnCount())]
                     for r in range(editor.rowCount())])


@pytest.mark.parametrize("text", ["1e308, 2, 2; 2, 2, 2; 2, 2, 2", "1e308, 1e308, 1e308; 1e308, 1e308, 1e308; 1, 2, 3",
                                  "-1.7e308, 0, 1; 0, 1e-308, 0; 1, 0, 1"])
def test_the_table_shows_the_kernel_in_use_however_large(window, text):
    panel = window.kernel_panel
    panel.text.setText(text)
    panel._on_text()
    kernel = window.document.kernels[0]
    np.testing.assert_allclose(table_values(panel), kernel, rtol=1e-3)
    assert panel.text.text() == text.replace("1e308", "1e+308").replace("-1.7e308", "-1.7e+308")
