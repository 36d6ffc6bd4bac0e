"""Build the CNN of a :class:`~convviz.model.training.TrainConfig` with Keras (imported here only)."""

from __future__ import annotations

from convviz.model.training import InputScaling, TrainConfig


def build_model(config: TrainConfig, image_shape: tuple[int, int], n_classes: int, *, total_steps: int | None = None,
                scaling: InputScaling | None = None):
    """The network of ``config``, compiled.  ``total_steps`` (batches in the whole run) sets the
    length of the cosine learning-rate schedule; without it the rate stays constant.  With
    ``config.standardize`` a parameter-free Rescaling layer named "standardize" applies
    ``scaling`` first (the training set's statistics), so the model takes images in [0, 1]."""
    import keras

    config.validate()
    layers = [keras.Input(shape=(*image_shape, 1))]
    if config.standardize:
        scaling = scaling or InputScaling()
        layers.append(keras.layers.Rescaling(scaling.scale, scaling.offset, name="standardize"))
    layers += [
        keras.layers.Conv2D(config.filters, config.kernel_size, strides=config.stride, padding=config.padding,
                            activation="relu", name="conv1"),
        (keras.layers.MaxPooling2D if config.pool == "max" else keras.layers.AveragePooling2D)(2, name="pool1"),
    ]
    if config.second_block:
        layers += [
            keras.layers.Conv2D(config.filters * 2, config.kernel_size, padding=config.padding, activation="relu",
                                name="conv2"),
            (keras.layers.MaxPooling2D if config.pool == "max" else keras.layers.AveragePooling2D)(2, name="pool2"),
        ]
    layers.append(keras.layers.Flatten(name="flatten"))
    if config.dropout > 0:
        layers.append(keras.layers.Dropout(config.dropout, name="dropout"))
    layers += [
        keras.layers.Dense(config.dense_units, activation="relu", name="dense"),
        keras.layers.Dense(n_classes, activation="softmax", name="output"),
    ]
    model = keras.Sequential(layers, name="convviz_cnn")
    rate = config.learning_rate
    if config.lr_schedule == "cosine" and total_steps:
        rate = keras.optimizers.schedules.CosineDecay(config.learning_rate, decay_steps=total_steps)
    optimizer = keras.optimizers.Adam(rate) if config.optimizer == "adam" else keras.optimizers.SGD(rate)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def summary_rows(model) -> list[tuple[str, str, int]]:
    """(layer (type), output shape, parameters) as Keras's summary lists them."""
    rows = []
    for layer in model.layers:
        shape = tuple(layer.output.shape)
        rows.append((f"{layer.name} ({layer.__class__.__name__})", str(shape), int(layer.count_params())))
    return rows


def summary_text(model) -> str:
    lines: list[str] = []
    model.summary(print_fn=lambda line, *a, **k: lines.append(line), line_length=80)
    return "\n".join(lines)


def input_scaling(model) -> InputScaling:
    """The Rescaling a model applies to its input (identity when it has none)."""
    for layer in model.layers:
        if layer.__class__.__name__ == "Rescaling":
            cfg = layer.get_config()
            return InputScaling(float(cfg["scale"]), float(cfg["offset"]))
    return InputScaling()


def load_model(path):
    """Load a .keras model with safe_mode: a file cannot run code."""
    import keras

    return keras.models.load_model(path, safe_mode=True)
