"""The file controller against a fake view and dict settings, reading real files through
convviz.io (DiskFiles): what opens, what a failure leaves unchanged, what is remembered."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from convviz.io.ports import DiskFiles
from convviz.io.sessions import save_session
from convviz.model.document import LECTURE_IMAGE, Document
from convviz.model.file_actions import MAX_RECENT, FileActions

SESSION = {"format": "convviz-session", "version": 1, "mode": "2d", "input": [[1, 2, 3]] * 3,
           "filters": [{"kernel": [[1]]}], "settings": {}}


class FakeSettings:
    """QSettings' value / setValue / remove over a dict."""

    def __init__(self, **values):
        self.values = dict(values)

    def value(self, key, default=None):
        return self.values.get(key, default)

    def setValue(self, key, value):  # noqa: N802
        self.values[key] = value

    def remove(self, key):
        self.values.pop(key, None)


class FakeView:
    def __init__(self, answer: str = "", clipboard=None):
        self.answer, self.clipboard = answer, clipboard
        self.errors: list[str] = []
        self.status: list[str] = []
        self.warnings: list[str] = []
        self.asked: list[tuple] = []
        self.recent_shown: list[list[str]] = []
        self.pending: list = []

    def ask_open_path(self, title, directory, filters):
        self.asked.append((title, directory, filters))
        return self.answer

    ask_save_path = ask_open_path

    def show_error(self, message):
        self.errors.append(message)

    def show_status(self, message, msecs):
        self.status.append(message)

    def show_warning(self, message):
        self.warnings.append(message)

    def show_recent(self, paths, open_path):
        self.recent_shown.append(list(paths))
        self.open_recent = open_path

    def clipboard_contents(self):
        return self.clipboard

    def after_start(self, callback):
        self.pending.append(callback)

    def start(self):
        """The window is up: what waited on it runs."""
        for callback in self.pending:
            callback()
        self.pending.clear()


@pytest.fixture
def actions(tmp_path):
    view, settings = FakeView(), FakeSettings()
    files = FileActions(Document(), view, DiskFiles(), settings, last_session=tmp_path / "last_session.json")
    return files, view, settings


def snapshot(document):
    state = document.state()
    return (state["mode"], np.array(state["input"]), [np.array(k) for k in state["kernels"]], list(state["biases"]),
            state["settings"])


def assert_unchanged(document, before):
    after = snapshot(document)
    assert after[0] == before[0] and after[3] == before[3] and after[4] == before[4]
    np.testing.assert_array_equal(after[1], before[1])
    for a, b in zip(after[2], before[2]):
        np.testing.assert_array_equal(a, b)


# ------------------------------------------------------------------ inputs

def test_a_good_file_opens_and_is_remembered(actions, tmp_path):
    files, view, settings = actions
    path = tmp_path / "m.csv"
    path.write_text("1,2,3\n4,5,6\n7,8,9\n")
    assert files.open_path(str(path)) is True
    np.testing.assert_array_equal(files.document.input, np.loadtxt(path, delimiter=","))
    assert view.errors == []
    assert files.recent() == [str(path)] and settings.values["last_dir"] == str(tmp_path)
    assert view.recent_shown[-1] == [str(path)]


def test_a_bad_file_is_one_message_and_changes_nothing(actions, tmp_path):
    files, view, settings = actions
    files.document.set_settings(stride=2)
    before = snapshot(files.document)
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    assert files.open_path(str(bad)) is False
    assert len(view.errors) == 1 and "broken.png" in view.errors[0] and "\n" not in view.errors[0]
    assert_unchanged(files.document, before)
    assert files.recent() == [] and "last_dir" not in settings.values


@pytest.mark.parametrize("shape,budget,said", [((20, 600), "2G", "20x600 is larger than 512 per side"),
                                               ((300, 300), "2M", "a 300x300 input")])
def test_a_failed_open_in_1d_keeps_the_mode_and_the_signal(actions, tmp_path, monkeypatch, shape, budget, said):
    files, view, _ = actions
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", budget)
    files.document.set_mode("1d")
    before = snapshot(files.document)
    path = tmp_path / "image.npy"
    np.save(path, np.ones(shape[::-1]))
    assert files.open_path(str(path)) is False
    assert len(view.errors) == 1 and said in view.errors[0]
    assert_unchanged(files.document, before)


def test_a_one_row_matrix_opens_as_a_signal_in_1d_and_a_2d_file_switches_to_2d(actions, tmp_path):
    files, _, _ = actions
    files.document.set_mode("1d")
    row = tmp_path / "row.csv"
    row.write_text("3,1,4,1,5,9\n")
    assert files.open_path(str(row))
    assert files.document.mode == "1d"
    np.testing.assert_array_equal(files.document.input, [3, 1, 4, 1, 5, 9])
    grid = tmp_path / "grid.npy"
    np.save(grid, np.arange(16.0).reshape(4, 4))
    assert files.open_path(str(grid))
    assert files.document.mode == "2d"
    np.testing.assert_array_equal(files.document.input, np.arange(16.0).reshape(4, 4))


def test_an_animation_opens_its_first_frame_and_says_so_in_the_status_line(actions, tmp_path):
    files, view, _ = actions
    frames = [Image.fromarray(np.full((6, 6), v, np.uint8)) for v in (0, 255)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert files.open_path(str(path))
    np.testing.assert_array_equal(files.document.input, np.zeros((6, 6)))
    assert view.errors == [] and "an animation of 2 frames; using the first" in view.status[-1]


def test_the_open_dialog_starts_in_the_last_folder_and_cancel_does_nothing(actions, tmp_path):
    files, view, settings = actions
    settings.setValue("last_dir", str(tmp_path))
    before = snapshot(files.document)
    files.open_input_dialog()  # cancelled: the fake answers ""
    title, directory, filters = view.asked[0]
    assert directory == str(tmp_path) and "*.npy" in filters and "*.png" in filters
    assert_unchanged(files.document, before) and view.errors == []
    path = tmp_path / "k.npy"
    np.save(path, np.eye(3))
    view.answer = str(path)
    files.open_input_dialog()
    np.testing.assert_array_equal(files.document.input, np.eye(3))


def test_paste_an_image_text_or_nothing(actions):
    files, view, _ = actions
    buffer = io.BytesIO()
    pixels = np.array([[0, 255], [255, 0]], np.uint8)
    Image.fromarray(pixels).save(buffer, "PNG")
    view.clipboard = buffer.getvalue()
    files.paste_image()
    np.testing.assert_allclose(files.document.input, pixels / 255.0)
    view.clipboard = "1,2,3; 4,5,6"
    files.paste_image()
    np.testing.assert_array_equal(files.document.input, [[1, 2, 3], [4, 5, 6]])
    before = snapshot(files.document)
    view.clipboard = None
    files.paste_image()
    view.clipboard = "1,2; x"
    files.paste_image()
    assert view.errors[0] == "The clipboard holds no image or matrix."
    assert len(view.errors) == 2 and view.errors[1].startswith("Paste: ")
    assert_unchanged(files.document, before)


def test_samples_load_and_an_unknown_one_is_one_message(actions):
    files, view, _ = actions
    files.load_sample("grid_3x3")
    np.testing.assert_array_equal(files.document.input, np.arange(1, 10).reshape(3, 3))
    files.load_sample("no such sample")
    assert len(view.errors) == 1
    np.testing.assert_array_equal(files.document.input, np.arange(1, 10).reshape(3, 3))


# ---------------------------------------------------------------- sessions

def test_a_session_round_trips_and_is_remembered(actions, tmp_path):
    files, view, _ = actions
    files.document.set_settings(stride=2, padding="full")
    path = tmp_path / "lesson.json"
    assert files.save_session(str(path))
    assert view.status[-1] == f"Saved {path}"
    files.document.set_settings(stride=1, padding="valid")
    assert files.open_session(str(path))
    assert files.document.settings.stride == 2 and files.document.settings.padding == "full"
    assert files.recent() == [str(path)]


def test_the_save_dialog_adds_json_and_a_failed_save_is_one_message(actions, tmp_path):
    files, view, _ = actions
    view.answer = str(tmp_path / "lesson")
    files.save_session_dialog()
    assert (tmp_path / "lesson.json").exists()
    (tmp_path / "a file").write_text("")
    blocked = tmp_path / "a file" / "s.json"  # a file where its folder would be
    assert not files.save_session(str(blocked))
    assert len(view.errors) == 1 and view.errors[0].startswith(f"Could not save {blocked}: ")
    assert files.recent() == [str(tmp_path / "lesson.json")]


@pytest.mark.parametrize("change,said", [({"settings": {"stride": 10**12}}, "stride"),
                                         ({"filters": [{"kernel": [[1e999]]}]}, "bad.json"),
                                         ({"version": 7}, "session version 7 is not supported")])
def test_a_session_with_a_bad_value_is_one_message_and_changes_nothing(actions, tmp_path, change, said):
    files, view, _ = actions
    before = snapshot(files.document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**SESSION, **change}).replace("Infinity", "1e999"))
    assert files.open_path(str(path)) is False
    assert len(view.errors) == 1 and said in view.errors[0] and "bad.json" in view.errors[0]
    assert_unchanged(files.document, before)
    assert files.recent() == []


# ------------------------------------------------------------- recent list

def test_the_recent_list_is_newest_first_without_repeats_and_at_most_eight(actions, tmp_path):
    files, view, _ = actions
    paths = []
    for i in range(MAX_RECENT + 2):
        path = tmp_path / f"m{i}.csv"
        path.write_text(f"{i},1\n1,{i}\n")
        paths.append(str(path))
        assert files.open_path(str(path))
    assert files.recent() == paths[::-1][:MAX_RECENT]
    assert files.open_path(paths[5])  # opened again: to the front, once
    assert files.recent() == [paths[5]] + [p for p in paths[::-1][:MAX_RECENT] if p != paths[5]]
    assert view.recent_shown[-1] == files.recent()


def test_a_recent_file_that_is_gone_leaves_the_list_after_one_message(actions, tmp_path):
    files, view, _ = actions
    kept, gone = tmp_path / "kept.csv", tmp_path / "gone.csv"
    for path in (kept, gone):
        path.write_text("1,2\n3,4\n")
        files.open_path(str(path))
    gone.unlink()
    before = snapshot(files.document)
    view.open_recent(str(gone))  # the menu's action
    assert len(view.errors) == 1 and "gone.csv" in view.errors[0]
    assert files.recent() == [str(kept)] and view.recent_shown[-1] == [str(kept)]
    assert_unchanged(files.document, before)
    assert view.open_recent(str(kept)) and files.recent() == [str(kept)]


@pytest.mark.parametrize("stored", ["not json", json.dumps({"a": 1}), json.dumps([1, "/x.csv"]), None])
def test_a_recent_value_convviz_did_not_write_is_read_as_what_it_can(tmp_path, stored):
    settings = FakeSettings(**({} if stored is None else {"recent": stored}))
    files = FileActions(Document(), FakeView(), DiskFiles(), settings, last_session=tmp_path / "l.json")
    assert files.recent() == (["/x.csv"] if stored and stored.startswith("[") else [])


# -------------------------------------------------------- the last session

def test_the_last_session_is_remembered_and_restored(actions, tmp_path):
    files, view, _ = actions
    files.document.set_input(np.arange(12.0).reshape(3, 4))
    files.document.set_settings(padding="same", stride=2)
    files.remember_session()
    restored = FileActions(Document(), FakeView(), DiskFiles(), FakeSettings(), last_session=files.last_session)
    restored.restore_last_session()
    np.testing.assert_array_equal(restored.document.input, np.arange(12.0).reshape(3, 4))
    assert restored.document.settings == files.document.settings
    assert restored.last_session_problem is None


def test_a_corrupt_last_session_is_moved_aside_with_one_message_once_the_window_is_up(actions):
    files, view, _ = actions
    text = json.dumps({**SESSION, "settings": {"dilation": 512, "padding": "full"}})
    files.last_session.write_text(text)
    files.restore_last_session()
    np.testing.assert_array_equal(files.document.input, LECTURE_IMAGE)  # the lecture example
    aside = files.last_session.with_name("last_session.json.bad")
    assert not files.last_session.exists() and aside.read_text() == text
    problem = files.last_session_problem
    assert problem.startswith("The last session could not be opened (") and problem.endswith(f"moved to {aside}.")
    assert view.warnings == []  # not before the window is up
    view.start()
    assert view.warnings == [problem] and view.errors == []


def test_a_last_session_that_cannot_be_moved_aside_is_said_without_a_path(tmp_path):
    class Stuck(DiskFiles):
        def set_aside(self, path):
            raise PermissionError(13, "Permission denied")

    last = tmp_path / "last_session.json"
    last.write_text("[" * 100)
    view = FakeView()
    files = FileActions(Document(), view, Stuck(), FakeSettings(), last_session=last)
    files.restore_last_session()
    view.start()
    assert view.warnings == [files.last_session_problem]
    assert files.last_session_problem.startswith("The last session could not be opened (")
    assert "moved" not in files.last_session_problem and last.exists()


def test_a_legacy_last_session_in_the_settings_is_restored_and_removed(tmp_path):
    document = Document()
    document.set_input(np.full((4, 4), 7.0))
    path = tmp_path / "legacy.json"
    save_session(path, document)
    settings = FakeSettings(last_session=path.read_text())
    files = FileActions(Document(), FakeView(), DiskFiles(), settings, last_session=tmp_path / "last_session.json")
    files.restore_last_session()
    np.testing.assert_array_equal(files.document.input, np.full((4, 4), 7.0))
    assert "last_session" not in settings.values


def test_no_last_session_is_no_message(actions):
    files, view, _ = actions
    files.restore_last_session()
    view.start()
    assert files.last_session_problem is None and view.warnings == [] and view.errors == []


def test_remembering_the_session_never_raises(tmp_path):
    (tmp_path / "a file").write_text("")
    view = FakeView()
    files = FileActions(Document(), view, DiskFiles(), FakeSettings(),
                        last_session=tmp_path / "a file" / "last_session.json")
    files.remember_session()  # cannot be written: the window still closes, without a message
    assert view.errors == [] and (tmp_path / "a file").read_text() == ""


# -------------------------------------------------------- start-up problems

def test_start_up_problems_are_one_status_line_once_the_window_is_up(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "lots")
    view = FakeView()
    files = FileActions(Document(), view, DiskFiles(), FakeSettings(), last_session=tmp_path / "l.json",
                        start_problems=["Ignored settings that were not valid (their defaults are used): theme."])
    assert len(files.start_problems) == 2 and files.start_problems[1].endswith("; using 2.0 GB.")
    assert "lots" in files.start_problems[1]
    assert view.status == []
    view.start()
    assert view.status == [" ".join(files.start_problems)]
