"""losslab in a notebook: the ``<loss-lab>`` explainer of loss functions as a Jupyter and marimo widget.

    from losslab import LossLab
    lab = LossLab(loss="bce", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    lab                      # the lab, in the cell's output
    lab.predictions          # a reader's edit in the lab shows up here ...
    lab.loss = "focal"       # ... and the lab follows what Python sets
    lab.mean, lab.per_sample, lab.grad   # the numbers the lab shows (read-only)

The widget carries the element and its WebAssembly engine inside (``static/widget.js``): nothing is
fetched at run time. The numbers are computed by that engine, in the browser, so they are ``None``
until a front end (a notebook page, a marimo app) has the widget, and follow each change of either
side within a frame or two of it arriving there.
"""

from __future__ import annotations

import math
import numbers
import pathlib
from typing import Any

import anywidget
import traitlets as t

from ._build import BUILD, __version__

__all__ = ["LossLab", "LossLabError", "LOSSES", "MODELS", "VIEWS", "__version__"]

#: Every loss id, with its family ("binary", "regression", "multiclass", "multilabel"), the spaces a
#: binary loss takes ("prob", "logit") and its parameters with their defaults: the engine's catalogue.
CATALOGUE: dict[str, dict[str, Any]] = BUILD["catalogue"]
LOSSES: tuple[str, ...] = tuple(CATALOGUE)
#: The models whose weights make the predictions, and the family of losses each is trained with.
MODELS: dict[str, str] = BUILD["models"]
#: What ``views`` may name (or "all").
VIEWS: tuple[str, ...] = tuple(BUILD["views"])
_LIMITS: dict[str, Any] = BUILD["limits"]
#: The loss each family starts with (the element's defaults).
_FIRST_LOSS = {"binary": "distance", "regression": "mse"}
_THEMES = ("light", "dark", "auto")
_SINGULAR = {"targets": "target", "predictions": "prediction", "weights": "weight", "points": "point"}


class LossLabError(t.TraitError, ValueError):
    """A value the lab cannot take. A ValueError whose message names the field, the sample and the value."""


# ---- conversions: lists, numpy arrays, torch tensors -> lists of floats (or rows of them) ----------


def _plain(value: Any) -> Any:
    """Nested Python lists of Python scalars from a list, tuple, numpy array or torch tensor (or a mix)."""
    if hasattr(value, "detach") and hasattr(value, "tolist"):  # a torch tensor, even one that requires grad
        value = value.detach().cpu().tolist()
    elif hasattr(value, "tolist") and hasattr(value, "shape"):  # a numpy array or scalar
        value = value.tolist()
    if isinstance(value, (str, bytes, dict)) or value is None:
        return value
    if isinstance(value, (list, tuple, range)) or (hasattr(value, "__iter__") and hasattr(value, "__len__")):
        return [_plain(v) for v in value]
    return value


def _show(value: Any) -> str:
    return repr(value) if not isinstance(value, float) or not value.is_integer() else repr(int(value))


def _number(value: Any, what: str) -> float:
    """One finite real number as a float; else an error naming it (`what`: "prediction 2")."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            return number
        raise LossLabError(f"{what} is {_show(number)}, but it must be a finite number")
    raise LossLabError(f"{what} is {value!r}, not a number")


def _numbers(value: Any, name: str, *, rows: bool = True) -> list | None:
    """A field of numbers: one per sample (a 1-D list), or rows of them (a 2-D list of equal rows)."""
    if value is None:
        return None
    plain = _plain(value)
    if not isinstance(plain, list):
        raise LossLabError(f"{name} is {value!r}: give a list, a numpy array or a torch tensor of numbers")
    one = _SINGULAR.get(name, name)
    if rows and plain and all(isinstance(v, list) for v in plain):
        width = len(plain[0])
        out = []
        for i, row in enumerate(plain, 1):
            if len(row) != width:
                raise LossLabError(f"row {i} of {name} has {len(row)} numbers and row 1 has {width}: the rows must be equally long")
            if any(isinstance(v, list) for v in row):
                raise LossLabError(f"{name} has more than two dimensions: give one number per sample, or rows (a 2-D array)")
            out.append([_number(v, f"{one} {j} of sample {i}") for j, v in enumerate(row, 1)])
        return out
    if any(isinstance(v, list) for v in plain):
        raise LossLabError(f"{name} mixes numbers and rows: give one number per sample, or rows of equal length")
    return [_number(v, f"{one} {i}") for i, v in enumerate(plain, 1)]


def _words(value: Any, name: str) -> list | None:
    """A list of strings (compare, views, sentences); a comma-separated string too, except for sentences."""
    if value is None:
        return None
    if isinstance(value, str):
        if name == "sentences":
            raise LossLabError("sentences is one string: give a list of sentences")
        value = [w for w in value.replace(" ", ",").split(",") if w]
    plain = _plain(value)
    if not isinstance(plain, list) or not all(isinstance(w, str) for w in plain):
        raise LossLabError(f"{name} is {value!r}: give a list of strings")
    return plain


def _params(value: Any) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise LossLabError(f"params is {value!r}: give a dict such as {{'gamma': 2, 'alpha': 0.25}}")
    return {str(k): _number(_plain(v), f"parameter {k}") for k, v in value.items()}


# ---- traits ------------------------------------------------------------------------------------


class _Converted(t.TraitType):
    """A synced field converted on the way in (also for values coming from the browser)."""

    def __init__(self, convert, **kwargs):
        self._convert = convert
        super().__init__(default_value=None, allow_none=True, **kwargs)

    def validate(self, obj, value):
        return self._convert(value, self.name)


#: The fields the lab's state is made of (the element's state.js fields), then the display options.
_FIELDS = ("model", "loss", "space", "targets", "predictions", "params", "compare", "points", "sentences", "weights", "backward")
_DISPLAY = ("views", "readonly", "compact", "present", "theme")
#: Fields that belong to one family or model: another family or model starts from its own example.
_DATA = ("space", "targets", "predictions", "params", "compare", "points", "sentences", "weights")


class LossLab(anywidget.AnyWidget):
    """The ``<loss-lab>`` element as a widget: its state fields are traits that sync both ways.

    ``LossLab(loss="bce", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3], space="prob")`` takes lists,
    numpy arrays and torch tensors (as lists of floats; a 2-D array for ``cross_entropy`` and
    ``multilabel_bce`` becomes rows). A field left ``None`` takes the element's default (the loss
    family's example) and is filled in from it once the widget is shown. Values that cannot be used
    raise :class:`LossLabError` (a ``ValueError``) naming the sample and the value; ``lab.set(...)``
    changes several fields at once (such as ``loss``, ``space`` and ``predictions`` together).

    Read-only results, the numbers the lab shows, computed by its engine in the browser: ``mean``,
    ``sum``, ``per_sample``, ``grad`` (of the mean loss, as ``loss.mean().backward()`` gives it, or of
    the sum when ``backward="sum"``; rows for many classes and labels; for a model, one per weight)
    and ``notice`` (the element's notice when it fell back to a default, else "").
    """

    _esm = pathlib.Path(__file__).parent / "static" / "widget.js"

    model = t.Unicode(None, allow_none=True, help="'constant', 'line' or 'words': the predictions come from weights").tag(sync=True)
    loss = t.Unicode("distance", help="a loss id: " + ", ".join(LOSSES)).tag(sync=True)
    space = t.Unicode(None, allow_none=True, help="'prob' or 'logit' (binary losses); None: the loss's default").tag(sync=True)
    targets = _Converted(_numbers, help="a target per sample; rows of 0/1 for multilabel_bce").tag(sync=True)
    predictions = _Converted(_numbers, help="a prediction per sample in the space; rows for cross_entropy and multilabel_bce").tag(sync=True)
    params = _Converted(lambda v, _name: _params(v), help="the loss's parameters, such as {'gamma': 2}").tag(sync=True)
    compare = _Converted(_words, help="up to three losses of the same family, side by side").tag(sync=True)
    points = _Converted(_numbers, help="the line model's points, [x, y] pairs").tag(sync=True)
    sentences = _Converted(_words, help="the words model's sentences (their labels are targets)").tag(sync=True)
    weights = _Converted(lambda v, name: _numbers(v, name, rows=False), help="the model's weights").tag(sync=True)
    backward = t.Enum(["mean", "sum"], "mean", help="whether grad is that of the mean loss or of the sum").tag(sync=True)

    views = _Converted(_words, help="which views show: " + ", ".join(VIEWS) + ", or 'all'").tag(sync=True)
    readonly = t.Bool(False, help="the numbers show, nothing can be edited").tag(sync=True)
    compact = t.Bool(False, help="hides hints and presets").tag(sync=True)
    present = t.Bool(False, help="large type for a projector: the whole lab magnified").tag(sync=True)
    theme = t.Enum(list(_THEMES), "auto").tag(sync=True)

    mean = t.Float(None, allow_none=True, read_only=True, help="the mean loss the lab shows").tag(sync=True)
    sum = t.Float(None, allow_none=True, read_only=True, help="the sum of the losses").tag(sync=True)
    per_sample = t.List(default_value=None, allow_none=True, read_only=True, help="each sample's loss").tag(sync=True)
    grad = t.List(default_value=None, allow_none=True, read_only=True, help="the gradient the lab shows").tag(sync=True)
    notice = t.Unicode("", read_only=True, help="the lab's notice about values it could not use").tag(sync=True)

    def __init__(
        self,
        loss: str | None = None,
        targets: Any = None,
        predictions: Any = None,
        *,
        model: str | None = None,
        space: str | None = None,
        params: dict | None = None,
        compare: Any = None,
        points: Any = None,
        sentences: Any = None,
        weights: Any = None,
        backward: str = "mean",
        views: Any = None,
        readonly: bool = False,
        compact: bool = False,
        present: bool = False,
        theme: str = "auto",
        **kwargs: Any,
    ) -> None:
        if loss is None:
            loss = _FIRST_LOSS[MODELS[model]] if model in MODELS else "distance"
        state = _resolve(
            {name: None for name in _FIELDS} | {"loss": "distance", "backward": "mean"},
            dict(model=model, loss=loss, space=space, targets=targets, predictions=predictions, params=params, compare=compare)
            | dict(points=points, sentences=sentences, weights=weights, backward=backward),
        )
        display = _display(dict(views=views, readonly=readonly, compact=compact, present=present, theme=theme))
        object.__setattr__(self, "_raw", True)
        try:
            super().__init__(**state, **display, **kwargs)
        finally:
            object.__setattr__(self, "_raw", False)

    def __setattr__(self, name: str, value: Any) -> None:
        # `lab.loss = "focal"` is `lab.set(loss="focal")`: checked with the other fields, sent in one message.
        if (name in _FIELDS or name in _DISPLAY) and not getattr(self, "_raw", True):
            self.set(**{name: value})
        else:
            super().__setattr__(name, value)

    def set(self, **fields: Any) -> None:
        """Sets several fields at once, checked together and sent to the browser in one message.

        ``lab.set(loss="focal", space="logit", predictions=[2.2, -1.4, -0.8])``. A loss of another
        family (or another model) starts from that family's example for every data field not given.
        Raises :class:`LossLabError` (a ``ValueError``), and changes nothing, if a value cannot be used.
        """
        unknown = sorted(set(fields) - set(_FIELDS) - set(_DISPLAY))
        if unknown:
            raise LossLabError(f"LossLab has no field {', '.join(unknown)}: it has {', '.join(_FIELDS + _DISPLAY)}")
        current = {name: getattr(self, name) for name in _FIELDS}
        given = {k: v for k, v in fields.items() if k in _FIELDS}
        state = _resolve(current, given) if given else current
        display = _display({name: fields.get(name, getattr(self, name)) for name in _DISPLAY})
        changed = {k: v for k, v in (state | display).items() if v != getattr(self, k)}
        object.__setattr__(self, "_raw", True)
        try:
            with self.hold_sync():
                for name, value in changed.items():
                    setattr(self, name, value)
        finally:
            object.__setattr__(self, "_raw", False)

    def set_state(self, sync_data: dict) -> None:
        # From the browser: a reader's edit or the results. The element already took these values.
        object.__setattr__(self, "_raw", True)
        try:
            super().set_state(sync_data)
        finally:
            object.__setattr__(self, "_raw", False)


# ---- checks: cheap ones, before anything leaves Python -------------------------------------------


def _family(loss: str) -> str:
    return CATALOGUE[loss]["family"]


def _display(values: dict) -> dict:
    views = _words(values["views"], "views")
    if views is not None:
        wrong = [v for v in views if v != "all" and v not in VIEWS]
        if wrong or not views:
            raise LossLabError(f"views {', '.join(map(repr, wrong)) or '[]'}: give some of {', '.join(VIEWS)}, or 'all'")
    if values["theme"] not in _THEMES:
        raise LossLabError(f"theme is {values['theme']!r}, not one of {', '.join(_THEMES)}")
    flags = {name: bool(values[name]) for name in ("readonly", "compact", "present")}
    return {"views": views, **flags, "theme": values["theme"]}


def _resolve(current: dict, given: dict) -> dict:
    """The state after `given` (fields to set) over `current`: converted, the family's rules applied, checked."""
    s = dict(current)
    if "loss" in given and given["loss"] not in CATALOGUE:
        raise LossLabError(f"loss is {given['loss']!r}, not one of {', '.join(LOSSES)}")
    if "model" in given and given["model"] is not None and given["model"] not in MODELS:
        raise LossLabError(f"model is {given['model']!r}, not one of {', '.join(MODELS)} (or None: a prediction per sample)")
    s.update(given)
    if s["model"] is not None and "loss" not in given and _family(s["loss"]) != MODELS[s["model"]]:
        s["loss"] = _FIRST_LOSS[MODELS[s["model"]]]

    def kind(model: str | None, loss: str) -> str:
        return f"model {model}" if model else _family(loss)

    if kind(current["model"], current["loss"]) != kind(s["model"], s["loss"]):
        for name in _DATA:  # another family or model: its example, for what was not given
            if name not in given:
                s[name] = None
    elif s["loss"] != current["loss"] and "params" not in given:
        s["params"] = None  # another loss's parameters

    s["targets"] = _numbers(s["targets"], "targets")
    s["predictions"] = _numbers(s["predictions"], "predictions")
    s["points"] = _numbers(s["points"], "points")
    s["weights"] = _numbers(s["weights"], "weights", rows=False)
    s["params"] = _params(s["params"])
    s["compare"] = _words(s["compare"], "compare")
    s["sentences"] = _words(s["sentences"], "sentences")
    _check(s)
    return s


def _is_rows(values: list | None) -> bool:
    return bool(values) and isinstance(values[0], list)


def _check(s: dict) -> None:
    loss, model, space = s["loss"], s["model"], s["space"]
    info = CATALOGUE[loss]
    family = info["family"]
    if s["backward"] not in ("mean", "sum"):
        raise LossLabError(f"backward is {s['backward']!r}, not 'mean' or 'sum'")
    if model is not None and family != MODELS[model]:
        losses = ", ".join(i for i in LOSSES if _family(i) == MODELS[model])
        raise LossLabError(f"the {model} model is trained with a {MODELS[model]} loss ({losses}), not {loss}")
    if space is not None:
        if space not in ("prob", "logit"):
            raise LossLabError(f"space is {space!r}, not 'prob' or 'logit'")
        if family != "binary" or model is not None:
            raise LossLabError(f"space is for a binary loss's own predictions; {loss} takes no space here: leave it None")
        if space not in info["spaces"]:
            raise LossLabError(
                f"{loss} takes raw activations only (space 'logit'), and space is {space!r}: "
                f"set them together, lab.set(loss={loss!r}, space='logit', predictions=[...activations])"
            )
    for name, value in (s["params"] or {}).items():
        if name not in info["params"]:
            has = ", ".join(info["params"]) or "none"
            raise LossLabError(f"{loss} has no parameter {name!r} (its parameters: {has})")
    if s["compare"] is not None:
        if model is not None or family not in ("binary", "regression"):
            raise LossLabError(f"compare is for binary and regression losses without a model, not {loss}")
        if len(s["compare"]) > _LIMITS["compare"]:
            raise LossLabError(f"compare names {len(s['compare'])} losses: at most {_LIMITS['compare']}")
        for other in s["compare"]:
            if other not in CATALOGUE or _family(other) != family:
                raise LossLabError(f"compare names {other!r}, which is not a {family} loss like {loss}")
    if model is None:
        for name in ("points", "sentences", "weights"):
            if s[name] is not None:
                raise LossLabError(f"{name} belong to a model (model='constant', 'line' or 'words'); without one, leave {name} None")
        _check_samples(s, loss, family, info)
    else:
        _check_model(s, model)


def _check_samples(s: dict, loss: str, family: str, info: dict) -> None:
    targets, predictions = s["targets"], s["predictions"]
    if family in ("binary", "regression"):
        low, high = _LIMITS["samples"]
        for name, values in (("targets", targets), ("predictions", predictions)):
            if values is None:
                continue
            if _is_rows(values):
                raise LossLabError(f"{name} are rows (a 2-D array), but {loss} takes one number per sample (a 1-D array)")
            if not low <= len(values) <= high:
                raise LossLabError(f"{name} has {len(values)} samples: give {low} to {high}")
        if targets is not None and predictions is not None and len(targets) != len(predictions):
            raise LossLabError(f"{len(predictions)} predictions and {len(targets)} targets do not pair up: give a target per prediction")
        if family == "regression":
            return
        for i, t_ in enumerate(targets or [], 1):
            if t_ not in (0, 1):
                raise LossLabError(f"target {i} is {_show(t_)}, but {loss} takes targets 0 or 1")
        space = s["space"] or ("prob" if "prob" in info["spaces"] else info["spaces"][0])
        for i, p in enumerate(predictions or [], 1) if space == "prob" else ():
            if not 0 <= p <= 1:
                raise LossLabError(
                    f"prediction {i} is {_show(p)}, outside [0, 1]: in space 'prob' a prediction is a probability "
                    "(space='logit' takes raw activations)"
                )
        return
    # Many classes (cross_entropy) and many labels (multilabel_bce): rows of K activations.
    (low, high), (k_low, k_high) = _LIMITS["rows"], _LIMITS["columns"]
    k = 3
    if predictions is not None:
        if not _is_rows(predictions):
            raise LossLabError(f"predictions for {loss} are rows, K activations per sample (a 2-D array), not one number per sample")
        if not low <= len(predictions) <= high:
            raise LossLabError(f"predictions has {len(predictions)} rows: give {low} to {high}")
        k = len(predictions[0])
        if not k_low <= k <= k_high:
            raise LossLabError(f"predictions has rows of {k}: give {k_low} to {k_high} activations per sample")
    if targets is None:
        return
    if family == "multiclass":
        if _is_rows(targets):
            raise LossLabError(f"targets for {loss} are class indices, one per sample (a 1-D array of whole numbers), not rows")
        if predictions is not None and len(targets) != len(predictions):
            raise LossLabError(f"{len(predictions)} rows of predictions and {len(targets)} targets do not pair up")
        for i, c in enumerate(targets, 1):
            if not (c.is_integer() and 0 <= c < k):
                raise LossLabError(f"target {i} is {_show(c)}, but a class index must be a whole number from 0 to {k - 1}")
        return
    if not _is_rows(targets):
        raise LossLabError(f"targets for {loss} are rows of 0s and 1s, a label per column (a 2-D array)")
    if predictions is not None and (len(targets), len(targets[0])) != (len(predictions), k):
        raise LossLabError(
            f"targets are {len(targets)} rows of {len(targets[0])} and predictions {len(predictions)} rows of {k}: they must match"
        )
    for i, row in enumerate(targets, 1):
        for j, v in enumerate(row, 1):
            if v not in (0, 1):
                raise LossLabError(f"target {j} of sample {i} is {_show(v)}, but a label is 0 or 1")


def _check_model(s: dict, model: str) -> None:
    if s["predictions"] is not None:
        raise LossLabError(f"with model={model!r} the predictions come from the weights: leave predictions None")
    limit = _LIMITS["model_values"]

    def within(values: list, what: str) -> None:
        for i, v in enumerate(values, 1):
            if abs(v) > limit:
                raise LossLabError(f"{what} {i} is {_show(v)}: the {model} model takes numbers from -{limit} to {limit}")

    targets, points, sentences, weights = s["targets"], s["points"], s["sentences"], s["weights"]
    if model != "line" and points is not None:
        raise LossLabError(f"points belong to the line model, not the {model} model")
    if model != "words" and sentences is not None:
        raise LossLabError(f"sentences belong to the words model, not the {model} model")
    if model == "constant" and targets is not None:
        if _is_rows(targets) or not 1 <= len(targets) <= _LIMITS["points"]:
            raise LossLabError(f"targets of the constant model are 1 to {_LIMITS['points']} numbers")
        within(targets, "target")
    if model == "line":
        if targets is not None:
            raise LossLabError("the line model's targets are the y of its points: give points=[[x, y], ...] and leave targets None")
        if points is not None:
            if not _is_rows(points) or len(points[0]) != 2 or not 1 <= len(points) <= _LIMITS["points"]:
                raise LossLabError(f"points are 1 to {_LIMITS['points']} pairs [x, y] (an N x 2 array)")
            within([v for p in points for v in p], "coordinate")
    if model == "words":
        if targets is not None and sentences is None:
            raise LossLabError("the words model's targets are its sentences' labels: give sentences with them")
        if sentences is not None:
            if not 1 <= len(sentences) <= _LIMITS["sentences"]:
                raise LossLabError(f"sentences has {len(sentences)}: give 1 to {_LIMITS['sentences']}")
            for i, text in enumerate(sentences, 1):
                if not text.strip() or len(text.strip()) > _LIMITS["sentence_chars"]:
                    raise LossLabError(f"sentence {i} is {text!r}: give 1 to {_LIMITS['sentence_chars']} characters")
            if targets is None or _is_rows(targets) or len(targets) != len(sentences):
                raise LossLabError(f"targets: give one label, 1 or 0, to each of the {len(sentences)} sentences")
            for i, v in enumerate(targets, 1):
                if v not in (0, 1):
                    raise LossLabError(f"target {i} is {_show(v)}, but a sentence's label is 1 or 0")
    if weights is not None:
        expected = {"constant": 1, "line": 2}.get(model)
        if expected is not None and len(weights) != expected:
            raise LossLabError(f"weights has {len(weights)} numbers: the {model} model has {expected} ({'c' if expected == 1 else 'w, then b'})")
        within(weights, "weight")
