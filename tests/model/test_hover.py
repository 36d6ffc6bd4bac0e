"""The hover controller against a fake view: what lights up, what the read-out says."""


from convviz.model.document import Document
from convviz.model.hover import HoverController
from convviz.model.pipeline import run_pipeline
from convviz.render.prims import HIGHLIGHTS


class FakeView:
    def __init__(self, shapes):
        self.shapes, self.calls = shapes, []

    def clear_highlights(self):
        self.calls.append(("clear",))

    def highlight(self, where, index, cells, style):
        assert style in HIGHLIGHTS  # the drawing layer knows how to draw it
        self.calls.append(("highlight", where, index, sorted(cells), style))

    def label_input(self, row, col, text):
        self.calls.append(("label", row, col, text))

    def explain(self, explanation):
        self.calls.append(("explain", explanation))

    def map_shape(self, where, index):
        return self.shapes.get((where, index))


def controller(doc):
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    shapes = {("feature", 0): result.activated[0].shape}
    if result.pooled:
        shapes[("pooled", 0)] = result.pooled[0].shape
    view = FakeView(shapes)
    return HoverController(doc, lambda: result, view), view


def test_feature_cell_lights_its_receptive_field_and_padding_with_values():
    doc = Document()  # the lecture's 5x5 example, 3x3 kernel
    doc.set_settings(padding="same", boundary="replicate")
    hover, view = controller(doc)
    hover.hover("feature", 0, 0, 0)
    receptive = [c for c in view.calls if c[0] == "highlight" and c[4] == "receptive"][0]
    padded = [c for c in view.calls if c[0] == "highlight" and c[4] == "padded"][0]
    assert receptive[3] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert padded[3] == [(-1, -1), (-1, 0), (-1, 1), (0, -1), (1, -1)]
    labels = {(r, c): t for _, r, c, t in (x for x in view.calls if x[0] == "label")}
    assert labels[(-1, 0)] == str(int(doc.input[0, 0]))  # replicate: the edge value, shown
    assert ("highlight", "feature", 0, [(0, 0)], "target") in view.calls
    words = [c[1] for c in view.calls if c[0] == "explain"][-1]
    value = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings).activated[0][0, 0]
    assert words.head == "F1 out[0, 0]" and words.expression.endswith(f"= {int(value)}")


def test_pooled_cell_lights_its_window_and_winner_and_refresh_keeps_it():
    doc = Document()
    doc.set_settings(pool="max", pool_size=2)
    hover, view = controller(doc)
    hover.hover("pooled", 0, 0, 0)
    styles = [c[4] for c in view.calls if c[0] == "highlight"]
    assert styles == ["pool-window", "winner", "target"]  # 'valid' pooling: no padded cells
    view.calls.clear()
    hover.refresh()  # a new result: the same cell explained again
    assert any(c[0] == "explain" and c[1] is not None for c in view.calls)


def test_leaving_or_a_vanished_cell_shows_the_default_words():
    doc = Document()
    hover, view = controller(doc)
    hover.hover("feature", 0, 9, 9)  # outside the 3x3 map (the input shrank)
    assert view.calls[-1] == ("explain", None) and hover.hovered is None
    hover.hover("feature", 0, 1, 1)
    hover.leave()
    assert view.calls[-1] == ("explain", None)
