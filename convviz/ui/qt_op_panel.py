"""The operation panel: op, padding and its 'same' convention, boundary, stride,
dilation, activation, pooling; and the output-size formula with the numbers filled in."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtWidgets

from convviz.core.activations import ACTIVATIONS
from convviz.core.messages import message
from convviz.core.pool import pool_geometry
from convviz.model.conv_counts import conv_counts
from convviz.model.document import SETTING_LIMITS, Document
from convviz.model.limits import BudgetError
from convviz.model.pipeline import OpSettings

from .i18n import tr

SAME_HELP = {
    "tensorflow": (
        "TensorFlow / Keras: out = ceil(N / stride); an odd total padding puts the extra "
        "cell <b>after</b> (bottom/right). Same as tf.nn.conv2d 'SAME' and scipy.signal.correlate2d."
    ),
    "centered": (
        "NumPy / SciPy centered: total padding k − 1; an odd total puts the extra cell "
        "<b>before</b> (top/left). Same as numpy.correlate and scipy.signal.correlate mode='same'."
    ),
}
BOUNDARY_HELP = {
    "zeros": "Padded cells are 0.",
    "reflect": "Mirror without repeating the edge: d c b | a b c d | c b a.",
    "replicate": "Repeat the edge cell: a a a | a b c d | d d d.",
    "circular": "Wrap around: b c d | a b c d | a b c.",
}


def _error_html(exc: Exception, prefix: str = "") -> str:
    """Why the formula has no numbers, in red, in the window's language (escaped: it may quote typed text)."""
    return f"<span style='color:#c0392b'>{html.escape(prefix + message(exc, tr))}</span>"


def _transposed_help() -> str:
    return tr("Each input cell stamps input × kernel onto the output, stride cells apart, and the stamps add up "
              "(Keras Conv2DTranspose). 'same' and explicit padding crop cells from the stamps' edges.")


def boundary_names() -> dict[str, str]:
    """Boundary modes by name in the interface's language (the code's name kept in Korean)."""
    return {"zeros": tr("zeros"), "reflect": tr("reflect"), "replicate": tr("replicate"), "circular": tr("circular")}


def _combo(items: list[tuple[str, str]], tip: str = "") -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox(toolTip=tip)
    for key, label in items:
        combo.addItem(tr(label), key)
    return combo


class QtOperationPanel(QtWidgets.QWidget):
    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        form = QtWidgets.QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # Rows 3 px apart (the style's 6 left no room at 1280x800 for the help's three lines and an
        # RGB input's Channels row: the controls column scrolled and Pool padding went below the fold).
        form.setVerticalSpacing(3)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.op = _combo([("correlate", "Cross-correlation (CNN layers)"),
                          ("convolve", "Convolution (kernel flipped)"),
                          ("transposed", "Transposed convolution (scatter)")])
        self.padding = _combo([("valid", "valid (no padding)"), ("same", "same"), ("full", "full"),
                               ("explicit", "explicit…")])
        self.padding.setItemText(3, tr("explicit…"))  # (a tr() literal: the tool skips one-word labels)
        self.same = _combo([("tensorflow", "TensorFlow / Keras (extra after)"),
                            ("centered", "NumPy / SciPy centered (extra before)")])
        # Top-aligned in the height kept for its longest text (_reserve_help_height): a shorter text
        # starts where a longer one did.
        self.same_help = QtWidgets.QLabel(wordWrap=True, alignment=QtCore.Qt.AlignmentFlag.AlignLeft
                                          | QtCore.Qt.AlignmentFlag.AlignTop)
        # The palette's text colour, which follows a theme change (palette(mid) was 1.7:1 on the
        # light window, and a style sheet's colour stays the one of the theme it was polished in).
        font = self.same_help.font()
        font.setPointSizeF(9)
        font.setItalic(True)
        self.same_help.setFont(font)
        self.explicit = [QtWidgets.QSpinBox(minimum=0, maximum=SETTING_LIMITS["explicit_pad"], toolTip=t)
                         for t in (tr("top"), tr("bottom"), tr("left"), tr("right"))]
        explicit_row = QtWidgets.QHBoxLayout(spacing=form.horizontalSpacing())
        for name, spin in zip(("T", "B", "L", "R"), self.explicit):
            explicit_row.addWidget(QtWidgets.QLabel(name))
            explicit_row.addWidget(spin)
        self.explicit_box = QtWidgets.QWidget()
        self.explicit_box.setLayout(explicit_row)
        explicit_row.setContentsMargins(0, 0, 0, 0)
        # 'same' as and the explicit pads share one row: only one of them applies at a time, and a row
        # that came and went with the padding moved every row under it (and grew the controls column).
        self.same_or_explicit = QtWidgets.QStackedWidget()
        self.same_or_explicit.addWidget(self.same)
        self.same_or_explicit.addWidget(self.explicit_box)
        self.same_label = QtWidgets.QStackedWidget()  # the label's width stays when it is blank
        self.same_label.addWidget(QtWidgets.QLabel(tr("'same' as")))
        self.same_label.addWidget(QtWidgets.QWidget())
        # Measures the help texts the label does not show: the label keeps the height of the longest.
        self._help_probe = QtWidgets.QLabel(self, wordWrap=True, visible=False)
        self._help_probe.setFont(self.same_help.font())
        self._help_key: tuple[int, bool] | None = None  # the width and op the height was found for
        self._help_longest = 0  # the longest help text's height, at _help_key
        self._help_shown = 0  # the shown text's height
        self._help_room: int | None = None  # the height the controls column allots (None: the longest's)
        self.boundary = _combo(list(boundary_names().items()))
        self.stride = QtWidgets.QSpinBox(minimum=1, maximum=SETTING_LIMITS["stride"])
        self.dilation = QtWidgets.QSpinBox(minimum=1, maximum=SETTING_LIMITS["dilation"])
        # -1 stands for None, Keras's default, which is not 0 (see convviz.core.transposed).
        self.output_padding = QtWidgets.QSpinBox(
            minimum=-1, maximum=SETTING_LIMITS["stride"] - 1, specialValueText=tr("none (Keras default)"),
            toolTip=tr("Extra output cells at the end (Keras output_padding): less than the stride"))
        # Items follow the input's channels (_update_groups): standard, depthwise, and every other split.
        self.groups = QtWidgets.QComboBox(toolTip=tr(
            "Which input channels each filter reads: all (standard), one (depthwise, Keras DepthwiseConv2D) "
            "or its group's block (Keras Conv2D groups=)"))
        self.activation = _combo([(k, tr("None (linear)") if k == "none" else a.label)
                                  for k, a in ACTIVATIONS.items() if k != "softmax"])
        self.pool = _combo([("none", "none"), ("max", "max"), ("avg", "average")])
        self.pool_size = QtWidgets.QSpinBox(minimum=1, maximum=SETTING_LIMITS["pool_size"])
        self.pool_stride = QtWidgets.QSpinBox(minimum=0, maximum=SETTING_LIMITS["pool_stride"],
                                              specialValueText=tr("= size"))
        self.pool_padding = _combo([("valid", "valid"), ("same", "same (padded cells excluded)")])
        self.formula = QtWidgets.QLabel(wordWrap=True,
                                        textInteractionFlags=QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setObjectName("formula")

        form.addRow(tr("Operation"), self.op)
        form.addRow(tr("Padding"), self.padding)
        form.addRow(self.same_label, self.same_or_explicit)
        form.addRow(self.same_help)
        form.addRow(tr("Boundary"), self.boundary)
        stride_row = QtWidgets.QHBoxLayout(spacing=form.horizontalSpacing())
        stride_row.addWidget(self.stride)
        stride_row.addWidget(QtWidgets.QLabel(tr("Dilation")))
        stride_row.addWidget(self.dilation)
        form.addRow(tr("Stride"), stride_row)
        form.addRow(tr("Output padding"), self.output_padding)
        form.addRow(tr("Channels"), self.groups)
        form.addRow(tr("Activation"), self.activation)
        form.addRow(tr("Pooling"), self.pool)
        pool_row = QtWidgets.QHBoxLayout(spacing=form.horizontalSpacing())
        pool_row.addWidget(self.pool_size)
        pool_row.addWidget(QtWidgets.QLabel(tr("stride")))
        pool_row.addWidget(self.pool_stride)
        form.addRow(tr("Pool size"), pool_row)
        form.addRow(tr("Pool padding"), self.pool_padding)
        # The formula label is placed by the window (always visible under the maps).

        for name in ("op", "padding", "same", "boundary", "activation", "pool", "pool_padding", "groups"):
            getattr(self, name).currentIndexChanged.connect(self._push)
        for spin in [self.stride, self.dilation, self.output_padding, self.pool_size, self.pool_stride, *self.explicit]:
            spin.valueChanged.connect(self._push)
        document.events.settings.connect(self._pull)
        document.events.input.connect(self._on_input)
        document.events.kernels.connect(self._update_formula)
        self._pull(document.settings)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        kind = event.type()
        if kind == QtCore.QEvent.Type.LanguageChange:  # the help and formula, made by the panel
            self._pull(self.document.settings)
        if kind in (QtCore.QEvent.Type.LanguageChange, QtCore.QEvent.Type.FontChange,
                    QtCore.QEvent.Type.StyleChange):
            self._help_key = None
            self._reserve_help_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._reserve_help_height()

    def _reserve_help_height(self) -> None:
        """The help label as tall as the longest text it can show at the panel's width: switching the
        padding, the 'same' convention or the boundary changes its words, never the height of the
        panel nor the place of a row under it.  (A transposed convolution has one text of its own, in
        Korean a line longer: its height is not kept from the other operations, which would rather
        have the line.)"""
        width = self.contentsRect().width()  # the help spans the form's two columns
        transposed = self.document.settings.op == "transposed"
        if width <= 0:
            return
        probe = self._help_probe
        if self._help_key != (width, transposed):
            self._help_key = (width, transposed)
            texts = [_transposed_help()] if transposed else [*map(tr, SAME_HELP.values()),
                                                             *map(tr, BOUNDARY_HELP.values())]
            heights = []
            for text in texts:
                probe.setText(text)
                heights.append(probe.heightForWidth(width))
            self._help_longest = max(heights)
        probe.setText(self.same_help.text())
        self._help_shown = min(probe.heightForWidth(width), self._help_longest)
        # A short column (KernelRoom) may take the room kept for longer texts, never the shown one's.
        room = self._help_longest if self._help_room is None else self._help_room
        height = max(self._help_shown, min(room, self._help_longest))
        if self.same_help.minimumHeight() != height or self.same_help.maximumHeight() != height:
            self.same_help.setFixedHeight(height)

    def help_heights(self) -> tuple[int, int]:
        """The help's shown text's height and its longest text's, at the panel's width."""
        return self._help_shown, self._help_longest

    def set_help_room(self, height: int | None) -> bool:
        """Keep ``height`` px for the help (between its two heights; None: its longest text's), as the
        controls column can spare; True if the label's height changed."""
        before = self.same_help.minimumHeight()
        self._help_room = height
        self._reserve_help_height()
        return self.same_help.minimumHeight() != before

    def _on_input(self) -> None:
        self._update_groups(self.document.settings)
        self._update_formula()

    def _update_groups(self, s: OpSettings) -> None:
        """The channel choices for this input (shown only when it has channels to split, and not for a
        transposed convolution): standard, depthwise, and a grouped split for each other divisor."""
        channels = self.document.channels
        items = [(1, tr("standard (every channel)"))]
        if channels > 1:
            items += [(g, tr("grouped: {groups} groups of {n} channels").format(groups=g, n=channels // g))
                      for g in range(2, channels) if channels % g == 0]
            items.append((channels, tr("depthwise (one channel per filter)")))
        with QtCore.QSignalBlocker(self.groups):
            if [self.groups.itemData(i) for i in range(self.groups.count())] != [g for g, _ in items]:
                self.groups.clear()
                for g, label in items:
                    self.groups.addItem(label, g)
            else:  # the language may have changed
                for i, (_g, label) in enumerate(items):
                    self.groups.setItemText(i, label)
            self.groups.setCurrentIndex(max(0, self.groups.findData(s.groups)))
        self.layout().setRowVisible(self.groups, channels > 1 and s.op != "transposed")

    def _settings_from_widgets(self) -> OpSettings:
        return OpSettings(
            op=self.op.currentData(), padding=self.padding.currentData(),
            explicit_pad=tuple(s.value() for s in self.explicit), same=self.same.currentData(),
            boundary=self.boundary.currentData(), stride=self.stride.value(), dilation=self.dilation.value(),
            activation=self.activation.currentData(), pool=self.pool.currentData(),
            pool_size=self.pool_size.value(), pool_stride=self.pool_stride.value(),
            pool_padding=self.pool_padding.currentData(), output_padding=self._output_padding(),
            groups=(self.groups.currentData() or 1) if self.op.currentData() != "transposed" else 1,
        )

    def _output_padding(self) -> int | None:
        """The spin box's value, None for its special value; kept below the stride (a smaller stride
        lowers it rather than making the settings invalid)."""
        value = self.output_padding.value()
        return None if value < 0 else min(value, self.stride.value() - 1)

    def _push(self) -> None:
        try:
            self.document.set_settings(self._settings_from_widgets())
        except BudgetError as exc:
            # Nothing changed: the widgets go back to the document's settings, and a dialog says why
            # (a red formula would sit beside spin boxes showing a value that is not in effect).
            self._pull(self.document.settings)
            QtWidgets.QMessageBox.warning(self, "convviz", tr("Not changed: {reason}").format(reason=message(exc, tr)))
        except ValueError as exc:
            self.formula.setText(_error_html(exc))

    def _pull(self, s: OpSettings) -> None:
        widgets = [self.op, self.padding, self.same, self.boundary, self.activation, self.pool, self.pool_padding,
                   self.stride, self.dilation, self.output_padding, self.pool_size, self.pool_stride, *self.explicit]
        blockers = [QtCore.QSignalBlocker(w) for w in widgets]
        for combo, value in ((self.op, s.op), (self.padding, s.padding), (self.same, s.same),
                             (self.boundary, s.boundary), (self.activation, s.activation),
                             (self.pool, s.pool), (self.pool_padding, s.pool_padding)):
            combo.setCurrentIndex(combo.findData(value))
        # Only the values that changed: a spin box repaints on every setValue, even of its own
        # value (four spin boxes, their line edits and the panel behind them on every change).
        for spin, v in ((self.stride, s.stride), (self.dilation, s.dilation), (self.pool_size, s.pool_size),
                        (self.pool_stride, s.pool_stride), *zip(self.explicit, s.explicit_pad)):
            if spin.value() != v:
                spin.setValue(v)
        self.output_padding.setMaximum(s.stride - 1)
        op_pad = -1 if s.output_padding is None else s.output_padding
        if self.output_padding.value() != op_pad:
            self.output_padding.setValue(op_pad)
        del blockers
        transposed = s.op == "transposed"
        self._update_groups(s)
        self.layout().setRowVisible(self.output_padding, transposed)
        self.padding.model().item(self.padding.findData("full")).setEnabled(not transposed)  # no 'full' crop
        self.boundary.setEnabled(not transposed)  # a transposed convolution reads no padded cells
        explicit = s.padding == "explicit"
        self.same_or_explicit.setCurrentIndex(1 if explicit else 0)
        self.same_label.setCurrentIndex(1 if explicit else 0)
        self.same.setEnabled(s.padding == "same" and not transposed)
        if transposed:
            self.same_help.setText(_transposed_help())
        else:
            self.same_help.setText(tr(SAME_HELP[s.same]) if s.padding == "same" else tr(BOUNDARY_HELP[s.boundary]))
        self._reserve_help_height()
        self.boundary.setToolTip(tr(BOUNDARY_HELP[s.boundary]))
        pooling = s.pool != "none"
        for w in (self.pool_size, self.pool_stride, self.pool_padding):
            w.setEnabled(pooling)
        self._update_formula()

    def _update_formula(self) -> None:
        doc, s = self.document, self.document.settings
        spatial = 1 if doc.input.ndim == 1 else 2
        try:
            g = doc.conv_geometry()
        except ValueError as exc:
            self.formula.setText(_error_html(exc))
            return
        names = [tr("length")] if spatial == 1 else [tr("rows"), tr("cols")]
        if s.op == "transposed":
            self._transposed_formula(names, g)
            return
        lines = ["<b>" + tr("Output size") + "</b> = floor((N + pad<sub>before</sub> + pad<sub>after</sub> − "
                 "((k − 1)·dilation + 1)) / stride) + 1"]
        for axis, name in enumerate(names):
            lines.append(f"{name}: {g.formula(axis)}")
        lines += self._count_lines()
        lines += self._pool_lines(g.out_shape)
        self.formula.setText("<br>".join(lines))

    def _transposed_formula(self, names, g) -> None:
        """The scatter's extent, less the cells the padding crops (more where output padding adds some)."""
        from convviz.core.transposed import transposed_geometry

        doc, s = self.document, self.document.settings
        spatial = len(names)
        kshape = (doc.kernels[0].size,) if spatial == 1 else doc.kernels[0].shape[:2]
        t = transposed_geometry(doc.input.shape[:spatial], kshape, **s.transposed_kwargs(spatial))
        lines = ["<b>" + tr("Output size") + "</b> = (N − 1)·stride + ((k − 1)·dilation + 1) − "
                 + tr("cropped cells (before + after)") + " + " + tr("output padding")]
        for axis, name in enumerate(names):
            extra = t.output_padding[axis]
            before, after = t.crop[axis][0], t.crop[axis][1] + extra
            n, k, st = t.in_shape[axis], t.kernel_shape[axis], t.stride[axis]
            # 'valid' under Keras's default output padding grows a kernel shorter than the stride to it.
            # The crops in one bracket, as the first line names them: "− 0 − 1" read as "cropped 0, output
            # padding −1" (tester).
            crop = f" − ({before} + {after})" if after >= 0 else f" − {before} + {-after}"
            crop += f" + {extra}" if s.output_padding is not None else ""
            lines.append(f"{name}: ({n} − 1)·{st} + (({k} − 1)·{t.dilation[axis]} + 1){crop} = {t.out_shape[axis]}")
        lines += self._pool_lines(g.out_shape)
        self.formula.setText("<br>".join(lines))

    def _pool_lines(self, conv_shape) -> list[str]:
        """The pooled size of a convolution output of ``conv_shape``, or why the pooling does not fit."""
        s = self.document.settings
        if s.pool == "none":
            return []
        try:
            pg_ = pool_geometry(conv_shape, s.pool_size, stride=s.pool_stride or None, padding=s.pool_padding)
        except ValueError as exc:
            return [_error_html(exc, tr("pooling") + ": ")]
        return [tr("pooled") + f": {' × '.join(map(str, pg_.out_shape))}"]

    def _count_lines(self) -> list[str]:
        """Parameters and multiply-adds of this convolution; beside a standard convolution's (and for a
        depthwise one the separable total) with their share of it, where the channels are split."""
        doc = self.document
        if doc.channels == 1:  # one channel: nothing to split or mix, and the formula keeps its height
            return []
        spatial = 1 if doc.input.ndim == 1 else 2
        kshape = (doc.kernels[0].size,) if spatial == 1 else doc.kernels[0].shape[:2]
        counts = conv_counts(doc.input.shape, kshape, len(doc.kernels), doc.settings)
        if counts is None:
            problem = doc.settings.groups_problem(doc.channels, len(doc.kernels))
            return [f"<span style='color:#c0392b'>{problem}</span>"] if problem else []
        names = {"standard": tr("Standard"), "pointwise": tr("1×1 (pointwise)"), "grouped": tr("Grouped"),
                 "depthwise": tr("Depthwise"), "separable": tr("Depthwise + 1×1 (separable)")}
        if counts.this is counts.standard:
            # Nothing to compare with: the window's height goes to the controls (1280x800 fits them);
            # a 1x1 kernel still says what it is, the pointwise half of a separable convolution.
            self.formula.setToolTip("")
            if counts.this.kind != "pointwise":
                return []
            shown = [counts.this]
        else:
            shown = [counts.this] + ([counts.separable] if counts.separable is not None else []) + [counts.standard]
        # The arithmetic behind each count, on hover: the lines stay one each, so the controls still fit.
        self.formula.setToolTip("<br>".join(
            tr("{name}: {formula} = {params} parameters, {macs} multiply-adds").format(
                name=f"<b>{names[c.kind]}</b>", formula=c.formula, params=f"{c.params:,}", macs=f"{c.macs:,}")
            for c in shown))

        def share(count) -> str:  # of the standard's parameters / multiply-adds
            return (f"{_percent(count.params / counts.standard.params)} / "
                    f"{_percent(count.macs / max(1, counts.standard.macs))}")

        parts = [tr("{name}: {params} parameters, {macs} multiply-adds").format(
            name=f"<b>{names[c.kind]}</b>", params=f"{c.params:,}", macs=f"{c.macs:,}")
            + ("" if len(shown) == 1 else f" ({share(c)})" if c is not counts.standard else " (100%)")
            for c in shown]
        return parts if len(parts) == 1 else [" · ".join(parts[:-1]), parts[-1]]


def _percent(ratio: float) -> str:
    return f"{100 * ratio:.0f}%" if ratio >= 0.1 else f"{100 * ratio:.1f}%"
