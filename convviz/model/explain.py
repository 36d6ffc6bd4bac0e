"""What the read-out under the maps says about the hovered cell: Qt-free, words through ``tr``.

The window shows these pieces (and draws the highlighted cells); here they are only made,
so the arithmetic of a hover is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from convviz.core.trace import format_number


@dataclass(frozen=True)
class Explanation:
    head: str  # "F1 out[0, 2] (kernel flipped 180°)"
    expression: str  # "1×1 + 1×0 + … = 4"
    result: str  # " → relu = 4", or ""
    note: str  # a sentence about padding, or ""


def feature(step, settings, f: int, out_index: tuple, activated=None, tr=lambda s: s, *,
            channels_read=None, input_channels: int = 1) -> Explanation:
    """The sum behind feature map ``f``'s cell ``out_index`` (``activated``: its value after the
    activation, when there is one; ``channels_read``: a grouped filter's channels among ``input_channels``)."""
    where = ", ".join(map(str, out_index))
    head = f"F{f + 1} out[{where}]"
    if settings.op == "convolve":
        head += " (" + tr("kernel flipped 180°") + ")"
    note = ""
    if step.padded.any():
        note = tr("Dashed cells are padding ({boundary}: their values come from the boundary mode).").format(
            boundary=settings.boundary)
    if channels_read is not None:
        note = (group_note(f, channels_read, input_channels, settings.groups, tr) + " " + note).strip()
    result = ""
    if settings.activation != "none" and activated is not None:
        result = f" → {settings.activation} = {format_number(float(activated))}"
    values = step.values
    if values.ndim > step.padded.ndim and values.shape[-1] > 1:  # a channel axis: each channel's terms, named
        read = channels_read if channels_read is not None else range(values.shape[-1])
        names = channel_names(read, input_channels if channels_read is not None else values.shape[-1]).split(", ")
        return Explanation(head, channel_expression(step, names), result, note)
    return Explanation(head, step.expression(), result, note)


def channel_expression(step, names) -> str:
    """The sum with its terms grouped by input channel: ``R: (1×1 + 0×2) + G: (…) + B: (…) = 4``
    (the input grid shows the channels' mean, so a flat list of terms named no channel)."""
    def operand(x) -> str:
        text = format_number(x)
        return f"({text})" if text.startswith("-") else text

    groups = []
    for c, name in enumerate(names):
        terms = " + ".join(f"{format_number(v)}×{operand(w)}"
                           for v, w in zip(step.values[..., c].ravel(), step.weights[..., c].ravel()))
        groups.append(f"{name}: ({terms})")
    bias = f" + {format_number(step.bias)}" if step.bias else ""
    return " + ".join(groups) + bias + f" = {format_number(step.total)}"


def channel_names(channels, input_channels: int) -> str:
    """"G" or "R, G" for an RGB input; "c0, c1" otherwise."""
    return ", ".join("RGB"[c] if input_channels == 3 else f"c{c}" for c in channels)


def group_note(f: int, channels_read, input_channels: int, groups: int, tr=lambda s: s) -> str:
    """The sentence saying which channels a grouped or depthwise filter sums (and which it leaves)."""
    names = channel_names(channels_read, input_channels)
    if groups == input_channels:
        return tr("Depthwise: F{n} reads channel {channels} only (one channel per filter).").format(
            n=f + 1, channels=names)
    return tr("Grouped: F{n} sums channels {channels} only (group {group} of {groups}).").format(
        n=f + 1, channels=names, group=channels_read[0] // len(channels_read) + 1, groups=groups)


def transposed(stamps, total, settings, f: int, out_index: tuple, bias=0.0, activated=None,
               tr=lambda s: s) -> Explanation:
    """The stamps of a transposed convolution that land on feature map ``f``'s cell ``out_index``
    (``stamps``: ScatterTrace.stamps_on's list), added up in the order the scatter adds them."""
    where = ", ".join(map(str, out_index))
    head = f"F{f + 1} out[{where}] · " + tr("{n} stamps").format(n=len(stamps))

    def factor(v) -> str:
        text = format_number(v)
        return f"({text})" if text.startswith("-") else text

    terms = []
    for _cell, _tap, value, weight, product in stamps:
        terms.append(f"{format_number(value)}×{factor(weight)}" if getattr(value, "ndim", 0) == 0
                     else format_number(product))
    if bias:
        terms.append(format_number(bias))
    expression = f"{' + '.join(terms) or '0'} = {format_number(total)}"
    sources = ", ".join(f"x[{', '.join(map(str, cell))}]·w[{', '.join(map(str, tap))}]" for cell, tap, *_ in stamps)
    note = (tr("Stamps landing here: {sources}.").format(sources=sources) if stamps else
            tr("No stamp lands here (the kernel is shorter than the stride): only the bias."))
    result = ""
    if settings.activation != "none" and activated is not None:
        result = f" → {settings.activation} = {format_number(float(activated))}"
    return Explanation(head, expression, result, note)


def pooled(step, settings, f: int, out_index: tuple, tr=lambda s: s) -> Explanation:
    """The max or average behind pooled map ``f``'s cell ``out_index``."""
    where = ", ".join(map(str, out_index))
    note = ""
    if step.padded.any():
        note = tr("Padded cells take no part: they never win a max and are left out of the divisor "
                  "(TensorFlow's rule).")
    return Explanation(f"F{f + 1} pooled[{where}]", step.expression(settings.pool), "", note)
