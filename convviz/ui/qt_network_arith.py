"""A unit's arithmetic as HTML: a convolution unit's per-channel window × kernel = products as small
grids of numbers (the lecture's 3-channel picture), a dense unit's largest contributions and the rest,
a softmax's exponentials over their sum, a pooling window with its winner; anything else as its lines.
The numbers come from convviz.core.network.unit_types; products are tinted on one zero-centred scale."""

from __future__ import annotations

import html

import numpy as np

from convviz.core.network import unit_types as ut
from convviz.render import colormaps

from .i18n import tr

#: Grids are drawn for at most this many channels and kernels of at most this many taps a side;
#: the rest of the channels are written as lines.
GRID_CHANNELS, GRID_SIDE = 4, 7
TABLE = '<table cellspacing="0" cellpadding="3" style="border-collapse: collapse; margin: 2px;">'


def _e(text) -> str:
    return html.escape(str(text))


def _tint(value: float, top: float) -> str:
    """The diverging map's colour of ``value`` on a scale of ±``top``, as a CSS colour."""
    rgb = colormaps.apply(np.array([[value]]), (-top, top), "diverging")[0, 0] if top > 0 else (247, 247, 247)
    return "#%02x%02x%02x" % tuple(int(c) for c in rgb)


def grid_html(values: np.ndarray, *, top: float = 0.0, real=None, winner=None) -> str:
    """A 2D (or 1D) array as a table of numbers, tinted when ``top`` > 0; padded taps (``real`` False)
    in grey italics; ``winner`` (row, col) in bold."""
    values = np.atleast_2d(values)
    real = np.ones(values.shape, bool) if real is None else np.atleast_2d(real)
    rows = []
    for r in range(values.shape[0]):
        cells = []
        for c in range(values.shape[1]):
            v = float(values[r, c])
            style = "border: 1px solid #888; text-align: right; color: #000; white-space: nowrap;"
            style += f" background: {_tint(v, top)};" if top > 0 else " background: #f4f4f4;"
            text = _e(ut.fmt(v))
            if not real[r, c]:
                text = f"<i><span style='color: #777'>{text}</span></i>"
            if winner == (r, c):
                text = f"<b>{text}</b>"
                style += " border: 2px solid #00a060;"
            cells.append(f'<td style="{style}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return TABLE + "".join(rows) + "</table>"


def _row(*parts: str) -> str:
    """Pieces side by side, vertically centred (HTML tables inside one table row)."""
    cells = "".join(f'<td style="vertical-align: middle; padding: 0 4px; white-space: nowrap;">{p}</td>'
                    for p in parts)
    return f"<table><tr>{cells}</tr></table>"


def _lines(lines) -> str:
    # pre-wrap: long sums wrap at the panel's edge instead of scrolling sideways.
    return '<pre style="white-space: pre-wrap;">' + "\n".join(_e(line) for line in lines) + "</pre>"


def grid_width(values: np.ndarray, measure) -> float:
    """About how wide :func:`grid_html` draws ``values`` (``measure(text)``: the text's width in pixels)."""
    values = np.atleast_2d(values)
    widest = max((measure(ut.fmt(v)) for v in values.ravel()), default=0.0)
    return values.shape[1] * (widest + 2) + 6  # measured: cells come out about as wide as the text


def conv_html(unit: ut.ConvUnit, width: float = 1e9, measure=lambda text: 7.0 * len(text)) -> str:
    """``width``: the panel's width in pixels, which decides whether window, kernel and products
    stand in one row, window × kernel over the products, or one under another."""
    out = []
    drawable = [ch for ch in unit.channels if ch.inputs.ndim <= 2 and max(ch.inputs.shape) <= GRID_SIDE]
    drawn = drawable[:GRID_CHANNELS] if len(drawable) == len(unit.channels) else []
    top = max((float(np.abs(ch.products).max(initial=0)) for ch in drawn), default=0.0)
    for ch in drawn:
        title = tr("channel {c}").format(c=ch.channel)
        out.append(f"<p style='margin: 4px 0 0 0;'><b>{_e(title)}</b>: {_e(tr('window'))} × {_e(tr('kernel'))} = "
                   f"{_e(tr('products'))}, {_e(tr('sum'))} {_e(ut.fmt(ch.total))}</p>")
        scale = f" × {_e(ut.fmt(ch.scale))}" if ch.scale != 1.0 else ""
        window, kernel = grid_html(ch.inputs, real=ch.real), grid_html(ch.weights)
        products, total = grid_html(ch.products, top=top, real=ch.real), f"→ {_e(ut.fmt(ch.total))}{scale}"
        sizes = [grid_width(a, measure) for a in (ch.inputs, ch.weights, ch.products)]
        sign, tail = measure("×") + 10, measure(total) + 10  # each piece of a row also has 8 px of padding
        products_row = sizes[2] + sign + tail + 24
        if sum(sizes) + 2 * sign + tail + 40 <= width:
            out.append(_row(window, "×", kernel, "=", products, total))
        elif sizes[0] + sizes[1] + sign + 24 <= width and products_row <= width:
            out.append(_row(window, "×", kernel))
            out.append(_row("=", products, total))
        elif products_row <= width:
            out += [_row(window), _row("×", kernel), _row("=", products, total)]
        else:
            out += [_row(window), _row("×", kernel), _row("=", products), f"<p>{total}</p>"]
    rest = [ch.line() for ch in unit.channels if ch not in drawn]
    if rest:
        out.append(_lines(rest))
    sums = " + ".join(ut.fmt(ch.contribution) for ch in unit.channels[:8])
    if len(unit.channels) > 8:
        sums += " + … " + tr("({n} channels)").format(n=len(unit.channels))
    out.append(f"<p><b>{_e(tr('sum over channels + bias'))}</b>: {_e(sums)} + {_e(ut.fmt(unit.bias))} = "
               f"<b>{_e(ut.fmt(unit.pre_activation))}</b></p>")
    out.append(activation_html(unit.activation))
    return "".join(out)


def activation_html(step, names=()) -> str:
    if step is None or step.name == "linear":
        return ""
    if step.softmax is not None:
        return softmax_html(step.softmax, names)
    return f"<p>{_e(step.name)}({_e(ut.fmt(step.pre))}) = <b>{_e(ut.fmt(step.value))}</b>  " \
           f"<span style='color: #666'>[{_e(step.formula)}]</span></p>"


def softmax_html(terms: ut.SoftmaxTerms, names=()) -> str:
    shift = f" − {ut.fmt(terms.shift)}" if terms.shift else ""
    head = (f"<tr><th>{_e(tr('class'))}</th><th>z</th><th>e^(z{_e(shift)})</th>"
            f"<th>{_e(tr('share'))}</th></tr>")
    rows = []
    for i, (z, e) in enumerate(zip(terms.logits, terms.exps)):
        name = names[i] if i < len(names) else str(i)
        bold = (lambda s: f"<b>{s}</b>") if i == terms.position else (lambda s: s)
        rows.append("<tr>" + "".join(f"<td style='text-align: right; padding: 0 6px;'>{bold(_e(t))}</td>" for t in
                                     (name, ut.fmt(z), ut.fmt(e), f"{e / terms.total:.1%}")) + "</tr>")
    e = terms.exps[terms.position]
    return (f"<p><b>softmax</b>: e^(z{_e(shift)}) / Σ = {_e(ut.fmt(e))} / {_e(ut.fmt(terms.total))} = "
            f"<b>{_e(ut.fmt(e / terms.total))}</b></p><table>{head}{''.join(rows)}</table>")


def dense_html(unit: ut.DenseUnit, names=(), flat_source=None) -> str:
    """``flat_source``: (layer name, shape) of the map a Flatten before this layer unrolled; each input
    is then also named as that map's cell (channels last, row by row: Keras's order)."""
    head = (f"<tr><th>{_e(tr('input'))}</th><th>x</th><th>w</th><th>x × w</th></tr>")

    def source(index: int) -> str:
        if flat_source is None:
            return f"x[{index}]"
        name, shape = flat_source
        cell = ", ".join(str(int(i)) for i in np.unravel_index(index, shape))
        return f"x[{index}] = {name} ({cell})"

    rows = [f"<tr><td>{_e(source(t.index))}</td><td align='right'>{_e(ut.fmt(t.x))}</td>"
            f"<td align='right'>{_e(ut.fmt(t.w))}</td><td align='right'>{_e(ut.fmt(t.product))}</td></tr>"
            for t in unit.terms]
    if unit.others_count:
        rows.append(f"<tr><td colspan='3'>{_e(tr('the other {n} products').format(n=unit.others_count))}</td>"
                    f"<td align='right'>{_e(ut.fmt(unit.others))}</td></tr>")
    rows.append(f"<tr><td colspan='3'>{_e(tr('bias'))}</td><td align='right'>{_e(ut.fmt(unit.bias))}</td></tr>")
    rows.append(f"<tr><td colspan='3'><b>{_e(tr('sum'))}</b></td>"
                f"<td align='right'><b>{_e(ut.fmt(unit.pre_activation))}</b></td></tr>")
    intro = _e(tr("The largest contributions of the dot product, the rest summed:"))
    return f"<p>{intro}</p><table cellpadding='2'>{head}{''.join(rows)}</table>" + activation_html(unit.activation,
                                                                                                  names)


def pool_html(unit: ut.PoolUnit) -> str:
    cells = np.array(unit.cells)
    if cells.ndim == 2 and cells.shape[1] in (1, 2) and len(cells):
        spatial = cells if cells.shape[1] == 2 else np.column_stack([np.zeros(len(cells), int), cells[:, 0]])
        lo = spatial.min(axis=0)
        shape = spatial.max(axis=0) - lo + 1
        grid = np.full(shape, np.nan)
        real = np.zeros(shape, bool)
        for (r, c), v in zip(spatial - lo, unit.values):
            grid[r, c], real[r, c] = v, True
        winner = tuple(int(v) for v in spatial[unit.winner] - lo) if unit.winner is not None else None
        picture = grid_html(np.nan_to_num(grid), real=real, winner=winner)
    else:
        picture = ""
    return picture + _lines(unit.lines()[1:])


def explanation_html(explanation, class_names=(), width: float = 1e9, measure=lambda text: 7.0 * len(text),
                     flat_source=None) -> str:
    """The HTML for any of unit_types' explanations (the header is the panel's own)."""
    if isinstance(explanation, ut.ConvUnit):
        return conv_html(explanation, width, measure)
    if isinstance(explanation, ut.DenseUnit):
        return dense_html(explanation, class_names, flat_source)
    if isinstance(explanation, ut.SoftmaxUnit):
        return softmax_html(explanation.softmax, class_names)
    if isinstance(explanation, ut.PoolUnit):
        return pool_html(explanation)
    lines = explanation.lines() if hasattr(explanation, "lines") else [str(explanation)]
    return _lines(lines[1:] if isinstance(explanation, ut.UnitExplanation) else lines)
