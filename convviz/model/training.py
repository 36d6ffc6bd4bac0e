"""Training configuration (Qt-free, TensorFlow-free): what the train panel edits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace


@dataclass(frozen=True)
class TrainConfig:
    """The lecture's network by default: Conv2D(10, 3x3, relu, same) → MaxPooling2D(2) →
    Flatten → Dense(100, relu) → Dense(10, softmax): 197,210 parameters on 28x28x1."""

    filters: int = 10
    kernel_size: int = 3
    padding: str = "same"
    stride: int = 1
    second_block: bool = False
    pool: str = "max"  # max | avg
    dropout: float = 0.0
    dense_units: int = 100
    optimizer: str = "adam"  # adam | sgd
    learning_rate: float = 0.001
    #: "cosine": the rate falls from ``learning_rate`` to 0 along a half cosine over the whole
    #: run (keras.optimizers.schedules.CosineDecay); "constant" keeps it fixed.
    lr_schedule: str = "cosine"
    #: Standardize the inputs (training-set mean 0, standard deviation 1) with a parameter-free
    #: Rescaling layer at the front of the model, so a saved model still takes images in [0, 1].
    standardize: bool = True
    epochs: int = 5
    batch_size: int = 32
    validation_split: float = 0.2
    seed: int = 42

    def validate(self) -> "TrainConfig":
        def positive(name, limit):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= limit:
                raise ValueError(f"{name.replace('_', ' ')} must be an integer from 1 to {limit}, got {v!r}")

        positive("filters", 256)
        positive("kernel_size", 15)
        positive("stride", 4)
        positive("dense_units", 4096)
        positive("epochs", 1000)
        positive("batch_size", 65536)
        if self.padding not in ("same", "valid"):
            raise ValueError(f"padding must be 'same' or 'valid', got {self.padding!r}")
        if self.pool not in ("max", "avg"):
            raise ValueError(f"pooling must be 'max' or 'avg', got {self.pool!r}")
        if self.lr_schedule not in ("cosine", "constant"):
            raise ValueError(f"learning-rate schedule must be 'cosine' or 'constant', got {self.lr_schedule!r}")
        if self.optimizer not in ("adam", "sgd"):
            raise ValueError(f"optimizer must be 'adam' or 'sgd', got {self.optimizer!r}")
        if not 0 <= self.dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout}")
        if not 0 < self.learning_rate <= 10:
            raise ValueError(f"learning rate must be in (0, 10], got {self.learning_rate}")
        if not 0 <= self.validation_split < 1:
            raise ValueError(f"validation split must be in [0, 1), got {self.validation_split}")
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown training settings: {', '.join(sorted(unknown))}")
        return replace(cls(), **data).validate()


@dataclass(frozen=True)
class InputScaling:
    """``x * scale + offset``: what keras.layers.Rescaling computes, and the window's numpy
    forward pass repeats.  Identity unless the inputs are standardized."""

    scale: float = 1.0
    offset: float = 0.0

    @classmethod
    def standardizing(cls, x) -> "InputScaling":
        """Mean 0 and standard deviation 1 over ``x`` (the images the model is fitted on)."""
        import numpy as np

        mean, std = float(np.mean(x, dtype=np.float64)), float(np.std(x, dtype=np.float64))
        std = std or 1.0
        return cls(1.0 / std, -mean / std)

    def apply(self, x):
        import numpy as np

        if self.scale == 1.0 and self.offset == 0.0:
            return x
        x = np.asarray(x, dtype=np.float32)
        return x * np.float32(self.scale) + np.float32(self.offset)


# ------------------------------------------------------------------ the window's arithmetic
def batch_curve_point(samples_done: int, epoch: int, train_samples: int, settling: float = 0.05) -> float | None:
    """Where a progress report's running-mean batch loss goes on the epoch axis (epochs done),
    or None for the first ``settling`` part of a later epoch, whose running mean is still a
    handful of batches' loss, far off the curve."""
    train_samples = max(1, int(train_samples))
    into_epoch = samples_done - epoch * train_samples
    if epoch > 0 and into_epoch < settling * train_samples:
        return None
    return samples_done / train_samples


def round_loss_top(top: float, values) -> float:
    """The loss axis's upper end: ``top``, or a round number (1, 1.5, 2, 2.5 … times a power
    of ten) above the largest finite value when one exceeds it.  It only grows."""
    import math

    finite = [float(v) for v in values if math.isfinite(v)]
    if not finite or max(finite) <= top:
        return top
    peak = max(finite)
    unit = 10.0 ** math.floor(math.log10(peak)) / 2 if peak > 0 else 1.0
    return float(math.ceil(peak / unit) * unit)


def canvas_is_blank(image, threshold: float = 0.02) -> bool:
    """Nothing drawn on a prediction canvas (values in [0, 1]): no cell above ``threshold``.
    A model asked about an empty canvas still answers with a confident class."""
    import numpy as np

    image = np.asarray(image)
    return image.size == 0 or float(image.max()) <= threshold


def compact_summary(text: str) -> str:
    """Keras's ``model.summary()`` table with its columns only as wide as their contents.

    Keras pads the table to its ``line_length`` (80 characters), wider than the window has
    room for; the rows, the totals and the title stay as they are."""
    rows: list[list[str]] = []
    before: list[str] = []
    after: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped[:1] in ("┃", "│", "|") and len(stripped) > 1:
            rows.append([cell.strip() for cell in stripped.strip("┃│|").replace("┃", "│").split("│")])
        elif stripped[:1] in "┏┡├└┗+-=━─" and stripped and set(stripped) <= set("┏┓┡┩├┤└┘┗┛┳╇┼┴━─+-=┃│ "):
            continue  # the table's rules are drawn again below
        elif rows:
            after.append(stripped)
        else:
            before.append(stripped)
    if not rows:
        return text.strip()
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(n)]

    def row(cells: list[str]) -> str:
        # Numbers (the parameter counts) to the right, as Keras has them.
        return "│ " + " │ ".join(c.rjust(w) if c.replace(",", "").isdigit() else c.ljust(w)
                                   for c, w in zip(cells, widths)) + " │"

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    lines = [line for line in before if line]
    lines += [rule("┌", "┬", "┐"), row(rows[0]), rule("├", "┼", "┤")]
    lines += [row(r) for r in rows[1:]]
    lines.append(rule("└", "┴", "┘"))
    lines += [line for line in after if line]
    return "\n".join(lines)
