"""The export controller against a fake view, writing real files through convviz.export
(DiskExports): what is written, what is asked before an earlier export is replaced, what the
memory budget refuses."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from scipy.signal import correlate2d

from convviz.export.ports import DiskExports
from convviz.model.document import LECTURE_IMAGE, Document
from convviz.model.export_actions import ExportActions
from convviz.model.pipeline import run_pipeline, step_trace
from convviz.render import scene_for


class FakeView:
    def __init__(self, *, confirm: bool = True, answer: str = ""):
        self.answer, self.answer_confirm = answer, confirm
        self.errors: list[str] = []
        self.status: list[str] = []
        self.questions: list[str] = []
        self.asked: list[tuple] = []
        self.copied: list[bytes] = []
        self.jobs: list[dict] = []
        self.frame = None

    def ask_save_path(self, title, path, filters):
        self.asked.append((title, path, filters))
        return self.answer

    def ask_directory(self, title, directory):
        self.asked.append((title, directory))
        return self.answer

    def ask_animation_options(self, *, steps, fps, path, flip_available):
        self.asked.append(("animation", steps, fps, path, flip_available))
        return None

    def confirm(self, question):
        self.questions.append(question)
        return self.answer_confirm

    def show_error(self, message):
        self.errors.append(message)

    def show_status(self, message, msecs):
        self.status.append(message)

    def copy_image(self, png):
        self.copied.append(png)

    def values_shown(self):
        return True

    def step_filter(self):
        return 0

    def step_speed(self):
        return 2.0

    def step_frame(self):
        return self.frame

    def run_job(self, steps, count, *, label, done, failed):
        """Synchronously: every step, then the status line (or the failure)."""
        job = {"count": count, "label": label, "done": []}
        self.jobs.append(job)
        try:
            for step in steps:
                job["done"].append(step)
        except Exception as exc:  # noqa: BLE001 (the window's worker routes any error the same way)
            failed(exc)
            return job
        self.show_status(done, 4000)
        return job


class FakeSettings:
    def __init__(self, last_dir=""):
        self.last_dir = last_dir

    def value(self, key, default=None):
        return self.last_dir if key == "last_dir" else default


def exports_for(document, view=None, last_dir=""):
    view = view or FakeView()
    state = {"result": run_pipeline(document.input, document.kernels, document.biases, document.settings)}

    def result():
        return state["result"]

    actions = ExportActions(document, result, view, DiskExports(), FakeSettings(last_dir))
    actions.recompute = lambda: state.update(result=run_pipeline(document.input, document.kernels, document.biases,
                                                                 document.settings))
    actions.forget = lambda: state.update(result=None)
    return actions, view


def contents(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ------------------------------------------------------------------ maps

def test_maps_are_exported_as_the_reference_computes_them(tmp_path):
    actions, view = exports_for(Document())
    written = actions.export_maps(str(tmp_path))
    assert sorted(p.name for p in written) == ["contact_sheet.png", "feature_map_1.png", "output.npy"]
    reference = correlate2d(LECTURE_IMAGE, Document().kernels[0], mode="valid")
    np.testing.assert_array_equal(np.load(tmp_path / "output.npy"), reference)  # one filter: saved as its map
    assert view.questions == [] and view.status == [f"Wrote 3 files to {tmp_path}"]


def test_exporting_into_an_earlier_export_asks_with_every_file_it_replaces(tmp_path):
    document = Document()
    document.add_filter()
    actions, view = exports_for(document, FakeView(confirm=False))
    actions.export_maps(str(tmp_path))  # output.npy, two maps, the sheet
    (tmp_path / "notes.txt").write_text("mine")
    earlier = contents(tmp_path)
    document.remove_filter(1)
    actions.recompute()
    assert actions.export_maps(str(tmp_path)) == []  # refused
    assert view.questions == [f"4 file(s) of an earlier export in {tmp_path} will be replaced. Continue?"]
    assert contents(tmp_path) == earlier  # every file as it was
    view.answer_confirm = True
    written = actions.export_maps(str(tmp_path))
    assert len(view.questions) == 2 and view.questions[1] == view.questions[0]
    assert sorted(p.name for p in written) == ["contact_sheet.png", "feature_map_1.png", "output.npy"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contact_sheet.png", "feature_map_1.png", "notes.txt",
                                                          "output.npy"]  # the old set's extra map went too


def test_a_confirm_given_by_the_caller_replaces_the_question(tmp_path):
    actions, view = exports_for(Document())
    actions.export_maps(str(tmp_path))
    assert actions.export_maps(str(tmp_path), confirm=lambda: False) == [] and view.questions == []


def test_nothing_to_export_is_one_message_and_no_file(tmp_path):
    actions, view = exports_for(Document())
    actions.forget()
    assert actions.export_maps(str(tmp_path / "maps")) == []
    assert actions.export_sheet(str(tmp_path / "sheet.png")) is False
    assert view.errors == ["Nothing to export: the current settings do not compute."] * 2
    assert list(tmp_path.iterdir()) == []


def test_one_map_saved_and_copied_is_the_same_png(tmp_path):
    actions, view = exports_for(Document(), FakeView(answer=str(tmp_path / "f1.png")), last_dir=str(tmp_path))
    actions.save_map_png("feature", 0)
    assert view.asked[0][1] == str(tmp_path / "feature_map_1.png")  # the dialog's suggestion
    actions.copy_map_image("feature", 0)
    assert view.copied == [(tmp_path / "f1.png").read_bytes()]
    assert Image.open(io.BytesIO(view.copied[0])).size[0] > 50
    assert view.status == [f"Wrote {tmp_path / 'f1.png'}", "Copied the map to the clipboard"]
    actions.save_map_png("pooled", 0)  # no pooling: no such map, nothing asked
    actions.copy_map_image("feature", 3)
    assert len(view.asked) == 1 and len(view.copied) == 1 and view.errors == []


def test_a_write_that_fails_is_one_message(tmp_path):
    (tmp_path / "a file").write_text("")
    actions, view = exports_for(Document())
    blocked = tmp_path / "a file" / "sheet.png"
    assert actions.export_sheet(str(blocked)) is False
    assert len(view.errors) == 1 and view.errors[0].startswith(f"Could not write {blocked}: ")
    assert actions.export_maps(str(tmp_path / "a file")) == []
    assert len(view.errors) == 2 and view.errors[1].startswith(f"Could not write to {tmp_path / 'a file'}: ")


def test_the_step_view_as_svg(tmp_path):
    document = Document()
    actions, view = exports_for(document)
    assert actions.export_svg(str(tmp_path / "none.svg")) is False
    assert view.errors == ["The step view has nothing to show for these settings."]
    trace = step_trace(document.input, document.kernels, document.biases, document.settings, "conv", 0)
    view.frame = scene_for(trace, (640, 360)).frame(4)
    assert actions.export_svg(str(tmp_path / "step.svg"))
    assert (tmp_path / "step.svg").read_text().startswith("<svg") and not (tmp_path / "none.svg").exists()


# ------------------------------------------------------------ animations

def test_an_animation_over_the_budget_is_refused_before_any_job(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "100M")
    actions, view = exports_for(Document())
    out = tmp_path / "steps.gif"
    # 9 steps of the lecture example at 3840x2160, 2.5 bytes a pixel of each held frame: 178 MiB.
    assert actions.export_animation(str(out), size=(3840, 2160), flip=False) is None
    assert len(view.errors) == 1 and "9 frames at 3840x2160 would take 178.0 MB" in view.errors[0]
    assert view.jobs == [] and not out.exists()


def test_an_animation_within_the_budget_runs_as_a_job_and_writes_every_step(tmp_path):
    actions, view = exports_for(Document())
    out = tmp_path / "steps.gif"
    job = actions.export_animation(str(out), size=(320, 180), max_frames=5, flip=False)
    assert job["count"] == 5 and job["label"] == "Rendering 5 frames…" and job["done"] == [1, 2, 3, 4, 5]
    with Image.open(out) as gif:
        assert gif.n_frames == 5 and gif.size == (320, 180)
    assert view.status == [f"Wrote {out}"] and view.errors == []


def test_an_animation_the_writer_refuses_is_one_message(tmp_path):
    actions, view = exports_for(Document())
    actions.export_animation(str(tmp_path / "steps.avi"), size=(320, 180))
    assert len(view.errors) == 1 and view.errors[0].startswith("Animation export failed: the animation's file")
    assert view.status == []


def test_the_animation_dialog_is_asked_with_the_trace_and_the_player(tmp_path):
    document = Document()
    document.set_settings(op="convolve")
    actions, view = exports_for(document, last_dir=str(tmp_path))
    actions.export_animation_dialog()
    assert view.asked == [("animation", 9, 2.0, str(tmp_path / "steps.gif"), True)]
    assert view.jobs == []  # cancelled


def test_a_path_under_a_file_is_one_message_before_anything_is_drawn(tmp_path, monkeypatch):
    """Every export to a path under a regular file: one message naming it, no job, nothing written."""
    blocker = tmp_path / "bad.png"
    blocker.write_bytes(b"a picture")
    document = Document()
    actions, view = exports_for(document)
    trace = step_trace(document.input, document.kernels, document.biases, document.settings, "conv", 0)
    view.frame = scene_for(trace, (640, 360)).frame(4)
    for drawing in ("sheet_png", "svg_bytes", "export_set"):  # refused before: never drawn
        monkeypatch.setattr(actions.exports, drawing, lambda *a, **k: pytest.fail("drawn"))
    said = f"{blocker} is a file, not a folder"
    assert actions.export_sheet(str(blocker / "sheet.png")) is False
    assert actions.export_svg(str(blocker / "step.svg")) is False
    assert actions.export_maps(str(blocker / "maps")) == []
    assert actions.export_animation(str(blocker / "x.gif"), size=(320, 180)) is None
    assert view.errors == [f"Could not write {blocker / 'sheet.png'}: {said}",
                           f"Could not write {blocker / 'step.svg'}: {said}",
                           f"Could not write to {blocker / 'maps'}: {said}",
                           f"Animation export failed: {said}"]
    assert view.jobs == [] and view.status == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png"]


def test_maps_go_into_a_folder_not_made_yet(tmp_path):
    """As the animation's export makes its file's folders (the folder dialog takes a new one too)."""
    actions, view = exports_for(Document())
    written = actions.export_maps(str(tmp_path / "new" / "maps"))
    assert sorted(p.name for p in written) == ["contact_sheet.png", "feature_map_1.png", "output.npy"]
    assert view.errors == []
