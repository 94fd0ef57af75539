"""Golden vectors for the models whose shared weights the loss trains (src/model.rs), made by
PyTorch: the predictions, per-sample losses and mean of the model, the gradient of the mean with
respect to every weight by autograd (loss.mean().backward()), and the weights after a few steps of
torch.optim.SGD (no momentum), all in float64.

    python3 tests/models/make_models.py tests/data/models.json

Needs torch (and torchvision for focal). Not part of `make test`: the JSON it writes is committed,
and tests/models.rs compares the engine against it within the oracle's tolerance.
"""

import json
import sys

import torch
import torch.nn.functional as F
from torchvision.ops import sigmoid_focal_loss

torch.set_default_dtype(torch.float64)


def regression_loss(name, params):
    """Per-sample loss of predictions y_hat against targets y, as losslab names them."""
    if name == "mse":
        return lambda y_hat, y: F.mse_loss(y_hat, y, reduction="none")
    if name == "mae":
        return lambda y_hat, y: F.l1_loss(y_hat, y, reduction="none")
    if name == "huber":
        return lambda y_hat, y: F.huber_loss(y_hat, y, reduction="none", delta=params["delta"])
    if name == "smooth_l1":
        return lambda y_hat, y: F.smooth_l1_loss(y_hat, y, reduction="none", beta=params["beta"])
    if name == "log_cosh":
        return lambda y_hat, y: torch.log(torch.cosh(y_hat - y))
    if name == "poisson_nll":
        return lambda y_hat, y: F.poisson_nll_loss(y_hat, y, log_input=True, full=False, reduction="none")
    raise ValueError(name)


def binary_loss(name, params):
    """Per-sample loss of activations z (logits) against targets t."""
    if name == "distance":
        return lambda z, t: torch.where(t == 1, 1 - torch.sigmoid(z), torch.sigmoid(z))
    if name == "bce":
        return lambda z, t: F.binary_cross_entropy_with_logits(z, t, reduction="none")
    if name == "brier":
        return lambda z, t: (torch.sigmoid(z) - t) ** 2
    if name == "focal":
        return lambda z, t: sigmoid_focal_loss(z, t, alpha=params["alpha"], gamma=params["gamma"], reduction="none")
    if name == "hinge":
        return lambda z, t: F.relu(1 - (2 * t - 1) * z)
    raise ValueError(name)


def predict(model, weights, features, n):
    if model == "constant":
        return weights[0].expand(n)
    if model == "line":
        return weights[0] * features + weights[1]
    # words: z = X @ w + b, X the N x V counts
    return features @ weights[:-1] + weights[-1]


def case(case_id, model, loss, params, weights, features, targets, lr, steps):
    n = len(targets)
    y = torch.tensor(targets)
    x = torch.tensor(features) if features else None
    if model == "words":
        x = x.reshape(n, len(weights) - 1)
    fn = binary_loss(loss, params) if model == "words" else regression_loss(loss, params)

    w = torch.tensor(weights, requires_grad=True)
    pred = predict(model, w, x, n)
    per_sample = fn(pred, y)
    mean = per_sample.mean()
    mean.backward()
    out = {
        "id": case_id,
        "model": model,
        "loss": loss,
        "params": params,
        "weights": weights,
        "features": features,
        "targets": targets,
        "predictions": pred.detach().tolist(),
        "per_sample": per_sample.detach().tolist(),
        "mean": mean.item(),
        "sum": per_sample.detach().sum().item(),
        "grad": w.grad.tolist(),
        "lr": lr,
        "steps": steps,
    }
    if model == "words":
        out["probs"] = torch.sigmoid(pred).detach().tolist()

    # The weights after `steps` steps of SGD on the mean loss.
    w = torch.tensor(weights, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    means = []
    for _ in range(steps):
        opt.zero_grad()
        loss_value = fn(predict(model, w, x, n), y).mean()
        means.append(loss_value.item())
        loss_value.backward()
        opt.step()
    out["weights_after"] = w.detach().tolist()
    out["means_before_each_step"] = means
    return out


OUTLIER = [1.0, 2.0, 3.0, 4.0, 12.0]
COUNTS = [0.0, 1.0, 3.0, 4.0, 9.0]
POINTS_X = [0.0, 1.0, 2.0, 3.0, 4.0]
POINTS_Y = [1.1, 1.9, 3.2, 3.9, 12.0]
# Three sentences over a vocabulary of five words ("good", "bad", "not", "great", "boring"):
# "good great", "bad boring not", "not good": counts per word.
SENTENCES = [
    1.0, 0.0, 0.0, 1.0, 0.0,
    0.0, 1.0, 1.0, 0.0, 1.0,
    1.0, 0.0, 1.0, 0.0, 0.0,
]
# Word weights for which sigmoid(z) is 0.9, 0.2, 0.3 (the seed's predictions):
# z1 = good + great + b = logit(0.9), z2 = bad + not + boring + b = logit(0.2), z3 = not + good + b = logit(0.3).
WORDS_W = [1.0, 0.5, -1.8472978603872034, 1.1972245773362196, -0.03899650073268712, 0.0]


def cases():
    out = []
    for loss, params in [("mse", {}), ("mae", {}), ("huber", {"delta": 1.0}), ("smooth_l1", {"beta": 1.0}), ("log_cosh", {})]:
        out.append(case(f"constant-{loss}-outlier", "constant", loss, params, [2.5], [], OUTLIER, 0.1, 10))
        out.append(case(f"line-{loss}-outlier", "line", loss, params, [0.5, 0.0], POINTS_X, POINTS_Y, 0.02, 10))
    out.append(case("constant-mae-kink", "constant", "mae", {}, [3.0], [], OUTLIER, 0.5, 3))
    out.append(case("line-huber-delta2", "line", "huber", {"delta": 2.0}, [-1.0, 3.0], POINTS_X, POINTS_Y, 0.05, 5))
    # Counts under a log rate: the constant's c heads for ln(mean count), the line is a Poisson regression.
    out.append(case("constant-poisson_nll-counts", "constant", "poisson_nll", {}, [0.0], [], COUNTS, 0.1, 10))
    out.append(case("line-poisson_nll-counts", "line", "poisson_nll", {}, [0.1, 0.2], POINTS_X, COUNTS, 0.02, 10))
    for loss, params in [("distance", {}), ("bce", {}), ("brier", {}), ("focal", {"gamma": 2.0, "alpha": 0.25}), ("hinge", {})]:
        out.append(case(f"words-{loss}-seed", "words", loss, params, WORDS_W, SENTENCES, [1.0, 0.0, 1.0], 1.0, 10))
    out.append(case("words-bce-soft", "words", "bce", {}, [0.3, -0.2, 0.1, 0.4, -0.6, 0.05], SENTENCES, [0.8, 0.1, 0.6], 0.5, 4))
    return out


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/models.json"
    doc = {
        "oracle": f"PyTorch {torch.__version__}, float64, autograd of loss.mean(), torch.optim.SGD without momentum",
        "script": "tests/models/make_models.py",
        "tolerance": "abs 1e-12 + rel 1e-12, as tests/data/oracle.json",
        "cases": cases(),
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"wrote {len(doc['cases'])} cases to {path}")
