"""The Python side of the widget, without a browser: conversions, checks, defaults, syncing rules.

Run after `node tools/widget.mjs` (which writes the widget and _build.py), from python/:
    python -m pytest tests          (with the package installed, or PYTHONPATH=src)
Torch's cases run where torch imports and are skipped, saying so, elsewhere. The numbers themselves
come from the engine in the browser: e2e/notebook.test.mjs checks them there.
"""

import json
import pathlib
import re

import pytest

import losslab
from losslab import LOSSES, LossLab, LossLabError

np = pytest.importorskip("numpy")
try:
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed here")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def sent(lab):
    """The state as the browser receives it (JSON, as the comm sends it)."""
    return json.loads(json.dumps(lab.get_state()))


# ---- package ---------------------------------------------------------------------------------


def test_version_is_cargo_tomls():
    cargo = (ROOT / "Cargo.toml").read_text()
    assert f'version = "{losslab.__version__}"' in cargo


def test_the_widget_module_is_inside_and_self_contained():
    js = (pathlib.Path(losslab.__file__).parent / "static" / "widget.js").read_text()
    assert LossLab._esm  # anywidget read the file
    assert "import(" not in js.replace(" ", "")  # nothing loads from beside it
    # No address anywhere but SVG's namespace (a name, never fetched).
    assert set(re.findall(r"\w+://[^\s\"'`)]*", js)) <= {"http://www.w3.org/2000/svg"}


def test_catalogue_comes_from_the_engine():
    assert LOSSES[:3] == ("distance", "bce", "brier")
    assert losslab.CATALOGUE["focal"]["spaces"] == ["logit"]
    assert losslab.CATALOGUE["focal"]["params"] == {"gamma": 2, "alpha": 0.25}


# ---- defaults --------------------------------------------------------------------------------


def test_trait_defaults():
    lab = LossLab()
    assert lab.loss == "distance"
    assert lab.model is None and lab.space is None and lab.params is None and lab.compare is None
    assert lab.targets is None and lab.predictions is None  # the element's example, filled in by the browser
    assert lab.backward == "mean" and lab.theme == "auto" and lab.views is None
    assert lab.readonly is False and lab.compact is False and lab.present is False
    assert lab.mean is None and lab.sum is None and lab.per_sample is None and lab.grad is None and lab.notice == ""


def test_a_model_starts_with_its_familys_loss():
    assert LossLab(model="constant").loss == "mse"
    assert LossLab(model="words").loss == "distance"


def test_synced_traits():
    state = sent(LossLab(loss="bce", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3]))
    for name in ("loss", "space", "targets", "predictions", "params", "backward", "views", "mean", "grad", "notice"):
        assert name in state
    assert state["targets"] == [1.0, 0.0, 1.0] and state["predictions"] == [0.9, 0.2, 0.3]
    assert "<loss-lab>" not in state["_esm"][:0]  # the module travels as text (anywidget imports it from a blob: URL)


def test_present_is_a_display_flag():
    lab = LossLab(present=True)
    assert lab.present is True and sent(lab)["present"] is True
    lab.present = False
    assert lab.present is False


# ---- conversions -------------------------------------------------------------------------------


def test_lists_and_tuples_become_floats():
    lab = LossLab(loss="bce", targets=(1, 0, True), predictions=[0.9, 0.2, 0.3])
    assert lab.targets == [1.0, 0.0, 1.0] and all(type(v) is float for v in lab.targets)


def test_numpy_arrays():
    lab = LossLab(loss="bce", targets=np.array([1, 0, 1]), predictions=np.array([0.9, 0.2, 0.3], dtype=np.float32))
    assert lab.targets == [1.0, 0.0, 1.0]
    assert lab.predictions == pytest.approx([0.9, 0.2, 0.3], abs=1e-7)
    assert all(type(v) is float for v in lab.predictions)
    lab.predictions = [np.float64(0.5), np.float32(0.25), 1]
    assert lab.predictions == [0.5, 0.25, 1.0]


def test_a_2d_array_becomes_rows_for_many_classes():
    x = np.arange(6, dtype=float).reshape(2, 3)
    lab = LossLab(loss="cross_entropy", predictions=x, targets=np.array([2, 0]))
    assert lab.predictions == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert lab.targets == [2.0, 0.0]
    labels = LossLab(loss="multilabel_bce", predictions=x, targets=np.array([[1, 0, 1], [0, 0, 1]], dtype=bool))
    assert labels.targets == [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]


@needs_torch
def test_torch_tensors():
    p = torch.tensor([0.9, 0.2, 0.3], dtype=torch.float64, requires_grad=True)
    lab = LossLab(loss="bce", targets=torch.tensor([1, 0, 1]), predictions=p)
    assert lab.predictions == [0.9, 0.2, 0.3] and lab.targets == [1.0, 0.0, 1.0]
    lab.set(loss="cross_entropy", predictions=torch.zeros(2, 4), targets=torch.tensor([3, 1]))
    assert lab.predictions == [[0.0] * 4] * 2 and lab.targets == [3.0, 1.0]


# ---- errors: ValueError naming the sample and the value -----------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"predictions": [0.9, 1.5, 0.3]}, "prediction 2 is 1.5, outside [0, 1]"),
        ({"predictions": [0.9, float("nan"), 0.3]}, "prediction 2 is nan, but it must be a finite number"),
        ({"predictions": [0.9, "x", 0.3]}, "prediction 2 is 'x', not a number"),
        ({"targets": [1, 0, 2]}, "target 3 is 2, but bce takes targets 0 or 1"),
        ({"targets": [1, 0]}, "3 predictions and 2 targets do not pair up"),
        ({"loss": "nope"}, "loss is 'nope', not one of distance"),
        ({"predictions": [[0.1, 0.2], [0.3, 0.4]], "targets": [1, 0]}, "are rows (a 2-D array), but bce takes one number"),
        ({"predictions": [0.5] * 65, "targets": [1] * 65}, "has 65 samples: give 1 to 64"),
        ({"params": {"gamma": 2}}, "bce has no parameter 'gamma'"),
        ({"space": "odds"}, "space is 'odds', not 'prob' or 'logit'"),
        ({"views": ["chart", "pie"]}, "views 'pie'"),
    ],
)
def test_bad_values_raise_a_value_error_and_change_nothing(fields, message):
    lab = LossLab(loss="bce", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    before = sent(lab)
    with pytest.raises(ValueError, match=None) as caught:
        lab.set(**fields)
    assert message in str(caught.value)
    assert isinstance(caught.value, LossLabError)
    assert sent(lab) == before


def test_attribute_assignment_is_checked_too():
    lab = LossLab(loss="distance", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"prediction 1 is 1.5, outside \[0, 1\]"):
        lab.predictions = [1.5, 0.2, 0.3]
    assert lab.predictions == [0.9, 0.2, 0.3]
    with pytest.raises(ValueError, match="LossLab has no field"):
        lab.set(prediction=[0.1])


def test_the_constructor_checks():
    with pytest.raises(ValueError, match=r"prediction 1 is 1.5, outside \[0, 1\]"):
        LossLab(loss="bce", targets=[1], predictions=[1.5])
    with pytest.raises(ValueError, match="target 2 is 3, but a class index must be a whole number from 0 to 2"):
        LossLab(loss="cross_entropy", predictions=np.zeros((2, 3)), targets=[0, 3])
    with pytest.raises(ValueError, match="row 2 of predictions has 2 numbers and row 1 has 3"):
        LossLab(loss="cross_entropy", predictions=[[0, 0, 0], [0, 0]])
    with pytest.raises(ValueError, match="predictions for cross_entropy are rows"):
        LossLab(loss="cross_entropy", predictions=[0.1, 0.2])
    with pytest.raises(ValueError, match="the constant model is trained with a regression loss"):
        LossLab(model="constant", loss="bce")
    with pytest.raises(ValueError, match="with model='line' the predictions come from the weights"):
        LossLab(model="line", predictions=[1, 2])


def test_activations_are_not_bounded():
    lab = LossLab(loss="bce", space="logit", targets=[1, 0], predictions=[7.5, -12])
    assert lab.predictions == [7.5, -12.0]
    focal = LossLab(loss="focal", targets=[1, 0], predictions=[2.2, -1.4])  # its only space, by default
    assert focal.space is None


def test_results_are_read_only():
    lab = LossLab()
    with pytest.raises(Exception, match="read-only"):
        lab.mean = 1.0


# ---- syncing rules --------------------------------------------------------------------------------


def test_a_loss_of_another_family_starts_from_its_example():
    lab = LossLab(loss="bce", space="prob", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3], params={})
    lab.loss = "cross_entropy"
    assert (lab.targets, lab.predictions, lab.space, lab.params) == (None, None, None, None)
    lab.set(loss="mse", targets=[1, 2, 3], predictions=[1.2, 1.7, 3.4])
    assert lab.predictions == [1.2, 1.7, 3.4]
    lab.loss = "huber"  # same family: the samples stay
    assert lab.predictions == [1.2, 1.7, 3.4]


def test_a_loss_that_needs_activations_says_how():
    lab = LossLab(loss="bce", space="prob", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"focal takes raw activations only \(space 'logit'\).*lab.set\(loss='focal', space='logit'"):
        lab.loss = "focal"
    lab.set(loss="focal", space="logit", predictions=[2.2, -1.4, -0.8])
    assert (lab.loss, lab.space) == ("focal", "logit")


def test_one_message_per_change():
    lab = LossLab(loss="bce", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    messages = []
    lab.send_state = lambda key=None: messages.append(set(key or ()))  # what ipywidgets calls to sync
    lab.set(loss="focal", space="logit", predictions=[2.2, -1.4, -0.8])
    assert len(messages) == 1 and set(messages[0]) >= {"loss", "space", "predictions"}


def test_values_from_the_browser_are_taken_as_the_element_took_them():
    lab = LossLab(loss="distance", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3])
    seen = []
    lab.observe(lambda change: seen.append((change.name, change.new)), names=["predictions", "mean"])
    # What the front end sends after a reader's edit and its results: JSON numbers, ints where whole.
    lab.set_state({"predictions": [0.9, 0.2, 0.31], "targets": [1, 0, 1], "space": "prob", "mean": 0.33, "per_sample": [0.1, 0.2, 0.69]})
    assert lab.predictions == [0.9, 0.2, 0.31] and lab.targets == [1.0, 0.0, 1.0] and lab.space == "prob"
    assert lab.mean == 0.33 and lab.per_sample == [0.1, 0.2, 0.69]
    assert ("predictions", [0.9, 0.2, 0.31]) in seen and ("mean", 0.33) in seen


def test_models():
    lab = LossLab(model="line", points=np.array([[0, 1.1], [1, 1.9], [2, 3.2]]), weights=[0.5, 0])
    assert lab.points == [[0.0, 1.1], [1.0, 1.9], [2.0, 3.2]] and lab.loss == "mse"
    words = LossLab(model="words", sentences=["Good and great.", "Not bad."], targets=[1, 0])
    assert words.sentences == ["Good and great.", "Not bad."]
    with pytest.raises(ValueError, match="give one label, 1 or 0, to each of the 2 sentences"):
        words.set(sentences=["Good.", "Bad."], targets=[1])
    with pytest.raises(ValueError, match="weight 1 is 500"):
        LossLab(model="constant", weights=[500])
