"""Writes fresh oracle cases computed by PyTorch (float64, autograd), in the format of
tests/data/oracle.json, so the engine can be checked on values it has never seen:
other seeds, harsher edges. Needs torch and torchvision-free focal (written out as
torchvision's sigmoid_focal_loss is). Used by `make crosscheck`.

    python3 tests/crosscheck/make_cases.py OUT.json [seed]
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def focal(x, t, alpha, gamma):
    # torchvision.ops.sigmoid_focal_loss, reduction none, line for line
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * t + (1 - alpha) * (1 - t)
        loss = alpha_t * loss
    return loss


def binary(loss, space, x, t, params):
    p = torch.sigmoid(x) if space == "logit" else x
    if loss == "distance":
        return t * (1 - p) + (1 - t) * p
    if loss == "bce":
        if space == "logit":
            return F.binary_cross_entropy_with_logits(x, t, reduction="none")
        return F.binary_cross_entropy(x, t, reduction="none")
    if loss == "brier":
        return (p - t) ** 2
    if loss == "focal":
        return focal(x, t, params["alpha"], params["gamma"])
    if loss == "hinge":
        return F.relu(1 - (2 * t - 1) * x)
    raise ValueError(loss)


def regression(loss, y_hat, y, params):
    d = y_hat - y
    if loss == "mse":
        return F.mse_loss(y_hat, y, reduction="none")
    if loss == "mae":
        return F.l1_loss(y_hat, y, reduction="none")
    if loss == "huber":
        return F.huber_loss(y_hat, y, reduction="none", delta=params["delta"])
    if loss == "smooth_l1":
        return F.smooth_l1_loss(y_hat, y, reduction="none", beta=params["beta"])
    if loss == "log_cosh":
        a = d.abs()
        # Each branch sees only inputs it can take, so neither puts a NaN into the gradient.
        ds = torch.where(a <= 20, d, torch.zeros_like(d))
        small = torch.log1p(torch.sinh(ds) ** 2 / (1 + torch.cosh(ds)))
        big = a + torch.log1p(torch.exp(-2 * a)) - math.log(2)
        return torch.where(a <= 20, small, big)
    if loss == "poisson_nll":
        # y_hat is a log rate; y a count >= 0. full=False leaves out Stirling's term.
        return F.poisson_nll_loss(y_hat, y, log_input=True, full=False, reduction="none")
    raise ValueError(loss)


def lst(t):
    return t.detach().tolist()


def case(cid, loss, space, params, inputs, targets, tags):
    x = torch.tensor(inputs, requires_grad=True)
    c = {"id": cid, "loss": loss, "space": space, "params": params, "inputs": inputs, "targets": targets, "tags": tags}
    if loss == "zero_one":
        p = torch.sigmoid(x) if space == "logit" else x
        tt = torch.tensor(targets)
        per = ((p >= 0.5) != (tt >= 0.5)).double()
        c.update(per_sample=lst(per), mean=per.mean().item(), sum=per.sum().item(), grad=[0.0] * len(inputs))
        if space == "logit":
            c["probs"] = lst(torch.sigmoid(x))
        return c
    if loss in ("distance", "bce", "brier", "focal", "hinge"):
        per = binary(loss, space, x, torch.tensor(targets), params)
        probs = torch.sigmoid(x) if space == "logit" else None
    elif loss == "cross_entropy":
        per = F.cross_entropy(x, torch.tensor(targets, dtype=torch.long), reduction="none", label_smoothing=params["label_smoothing"])
        probs = torch.softmax(x, dim=1)
    elif loss == "multilabel_bce":
        e = F.binary_cross_entropy_with_logits(x, torch.tensor(targets), reduction="none")
        per = e.mean(dim=1)
        probs = torch.sigmoid(x)
        c["per_element"] = lst(e)
        c["mean"] = e.mean().item()
    else:
        per = regression(loss, x, torch.tensor(targets), params)
        probs = None
    per.sum().backward()
    c.update(per_sample=lst(per), sum=per.sum().item(), grad=lst(x.grad))
    c.setdefault("mean", per.mean().item())
    if probs is not None:
        c["probs"] = lst(probs)
    bad = [v for v in c["per_sample"] + sum(([g] if not isinstance(g, list) else g for g in c["grad"]), []) if not math.isfinite(v)]
    if bad:
        # PyTorch itself gives NaN or inf here (e.g. focal with gamma < 1 at saturation).
        print(f"left out {cid}: PyTorch gives {bad[0]}")
        return None
    return c


def r7(v):
    return float(f"{v:.7g}")


def poisson_cases(rnd, prefix):
    """poisson_nll_loss(log_input=True, full=False): log rates and counts, random and at the edges."""
    cases = []
    for k in range(4):
        n = 1 + int(rnd(1).item() * 30)
        scale = [3.0, 8.0, 0.01, 3.0][k]
        x = [r7(v) for v in lst((rnd(n) - 0.5) * 2 * scale)]
        # Whole counts from a rate near e^x, and in the last case counts that are not whole (PyTorch takes any y >= 0).
        y = [float(int(v * 2 * math.exp(min(xi, 5.0)) + 0.5)) for v, xi in zip(lst(rnd(n)), x)]
        if k == 3:
            y = [r7(v * 10) for v in lst(rnd(n))]
        cases.append(case(f"{prefix}-poisson_nll-r{k}", "poisson_nll", None, {}, x, y, ["random"]))
    # Up to e^700 (about 1e304): the oracle test also sums each case repeated 22 times, which must stay finite.
    edges = [-745.0, -100.0, -20.0, -1e-12, 0.0, 1e-300, 1e-12, 0.5, 1.0, 2.0, 20.0, 100.0, 700.0]
    for t in (0.0, 1.0, 3.0, 2.5, 1e6):
        cases.append(case(f"{prefix}-poisson_nll-edge-t{t:g}", "poisson_nll", None, {}, edges, [t] * len(edges), ["edge"]))
    return cases


def main():
    out = sys.argv[1]
    gen = torch.Generator().manual_seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    rnd = lambda *shape: torch.rand(*shape, generator=gen)  # noqa: E731
    cases = []
    binaries = [("distance", ["logit", "prob"]), ("bce", ["logit", "prob"]), ("brier", ["logit", "prob"]),
                ("focal", ["logit"]), ("hinge", ["logit"]), ("zero_one", ["logit", "prob"])]
    edges_logit = [-800.0, -745.0, -709.0, -700.0, -100.0, -37.0, -36.0, -30.0, -20.0, -1e-12, 0.0, 1e-12, 20.0, 30.0, 36.0, 37.0, 100.0, 709.0, 800.0]
    edges_prob = [0.0, 5e-324, 1e-300, 1e-20, 1e-13, 1e-12, 1e-7, 0.5, 1 - 1e-7, 0.9999999999999999, 1.0]
    for loss, spaces in binaries:
        for space in spaces:
            for k in range(6):
                n = 1 + int(rnd(1).item() * 40)
                if space == "logit":
                    xs = [r7(v) for v in lst((rnd(n) - 0.5) * 24)]
                else:
                    xs = [r7(v) for v in lst(rnd(n))]
                soft = loss not in ("focal", "hinge") and k % 3 == 2
                ts = [r7(v) for v in lst(rnd(n))] if soft else [float(v > 0.5) for v in lst(rnd(n))]
                params = {}
                if loss == "focal":
                    params = {"gamma": [2.0, 0.0, 1.0, 3.5, 0.5, 2.0][k], "alpha": [0.25, -1.0, 0.5, 0.9, 0.25, 0.0][k]}
                    if params["gamma"] < 1:
                        xs = [max(min(v, 30.0), -30.0) for v in xs]
                c = case(f"x-{loss}-{space}-r{k}", loss, space, params, xs, ts, ["random"])
                if c:
                    cases.append(c)
            edges = edges_logit if space == "logit" else edges_prob
            for t in ([0.0, 1.0] + ([0.3] if loss not in ("focal", "hinge") else [])):
                params = {"gamma": 2.0, "alpha": 0.25} if loss == "focal" else {}
                c = case(f"x-{loss}-{space}-edge-t{t}", loss, space, params, edges, [t] * len(edges), ["edge"])
                if c:
                    cases.append(c)
                if loss == "focal":
                    for g in (1.0, 3.0):
                        c = case(f"x-focal-edge-g{g}-t{t}", loss, space, {"gamma": g, "alpha": 0.75}, edges, [t] * len(edges), ["edge"])
                        if c:
                            cases.append(c)
    for loss, params_list in [("mse", [{}]), ("mae", [{}]), ("huber", [{"delta": 1.0}, {"delta": 0.3}, {"delta": 5.0}]),
                              ("smooth_l1", [{"beta": 1.0}, {"beta": 0.0}, {"beta": 0.25}]), ("log_cosh", [{}])]:
        for i, params in enumerate(params_list):
            for k in range(3):
                n = 1 + int(rnd(1).item() * 30)
                scale = [3.0, 50.0, 0.01][k]
                yh = [r7(v) for v in lst((rnd(n) - 0.5) * 2 * scale)]
                y = [r7(v) for v in lst((rnd(n) - 0.5) * 2 * scale)]
                cases.append(case(f"x-{loss}-p{i}-r{k}", loss, None, params, yh, y, ["random"]))
        edges = [0.0, 1e-300, -1e-300, 1e-8, -1e-8, 0.3, 0.25, 1.0, -1.0, 5.0, 19.999, 20.0, 20.001, -20.0, 21.0, 700.0, 1e150]
        cases.append(case(f"x-{loss}-edge", loss, None, params_list[0], edges, [0.0] * len(edges), ["edge"]))
    cases += poisson_cases(rnd, "x")
    for k in range(6):
        n, kk = 1 + int(rnd(1).item() * 8), 2 + int(rnd(1).item() * 9)
        scale = [4.0, 4.0, 40.0, 400.0, 0.001, 4.0][k]
        xs = [[r7(v) for v in row] for row in lst((rnd(n, kk) - 0.5) * 2 * scale)]
        ys = [int(v * kk) for v in lst(rnd(n))]
        eps = [0.0, 0.1, 0.0, 0.3, 0.05, 1.0][k]
        cases.append(case(f"x-ce-r{k}", "cross_entropy", None, {"label_smoothing": eps}, xs, ys, ["random"]))
        ts = [[float(v > 0.5) if k % 2 == 0 else r7(v) for v in row] for row in lst(rnd(n, kk))]
        cases.append(case(f"x-mlbce-r{k}", "multilabel_bce", None, {}, xs, ts, ["random"]))
    cases = [c for c in cases if c]
    doc = {"oracle": f"torch {torch.__version__}", "dtype": "float64", "tolerance": {"rel": 1e-12, "abs": 1e-12}, "cases": cases}
    with open(out, "w") as f:
        json.dump(doc, f)
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
