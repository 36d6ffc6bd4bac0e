"""convviz.io behind the file controller's port (:class:`convviz.model.file_actions.FilePort`).

The model layer may not import convviz.io, so the window hands :class:`DiskFiles` to
:class:`convviz.model.file_actions.FileActions`; each method is one of this package's readers
or writers under the name the controller asks for.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .inputs import IMAGE_SUFFIXES, MATRIX_SUFFIXES, InputNotice, image_from_bytes, load_input
from .samples import load_sample
from .sessions import load_session, parse_session_text, save_session


class DiskFiles:
    input_patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES + MATRIX_SUFFIXES)

    def read_input(self, path, *, rgb: bool, max_side: int):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputNotice)
            arr = load_input(path, rgb=rgb, max_side=max_side)  # a file over max_side is refused unread
        return arr, [str(w.message) for w in caught if issubclass(w.category, InputNotice)]

    def read_image_bytes(self, data: bytes, *, rgb: bool, name: str):
        return image_from_bytes(data, rgb=rgb, name=name)

    def read_sample(self, key: str):
        return load_sample(key)

    def read_session(self, path) -> dict:
        return load_session(path)

    def read_session_text(self, text: str, name: str) -> dict:
        return parse_session_text(text, name)

    def write_session(self, path, document) -> None:
        save_session(path, document)  # atomic

    def set_aside(self, path: Path) -> Path | None:
        path = Path(path)
        if not path.exists():
            return None
        aside = path.with_name(path.name + ".bad")
        os.replace(path, aside)
        return aside
