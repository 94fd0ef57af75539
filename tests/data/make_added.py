"""Writes tests/data/oracle-added.json: PyTorch's values for the losses added after the team's
oracle (tests/data/oracle.json, a copy of shared/oracle/public.json) was made, in its format and by
the same code as `make crosscheck` (tests/crosscheck/make_cases.py), with a fixed seed.

    pip install torch   # not a project dependency; CI reads the committed file
    python3 tests/data/make_added.py

Made with torch 2.15.0 on the CPU in float64, gradients by autograd, as the team's oracle.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "crosscheck"))
import make_cases  # noqa: E402

SEED = 20261207


def main():
    gen = torch.Generator().manual_seed(SEED)
    rnd = lambda *shape: torch.rand(*shape, generator=gen)  # noqa: E731
    cases = [c for c in make_cases.poisson_cases(rnd, "add") if c]
    seed = make_cases.case("add-poisson_nll-seed", "poisson_nll", None, {}, [0.9, 0.2, 0.3], [1.0, 0.0, 1.0], ["seed"])
    cases.insert(0, seed)
    doc = {
        "oracle": f"torch {torch.__version__}",
        "oracle_detail": f"torch {torch.__version__} on the CPU, float64, autograd; tests/data/make_added.py, seed {SEED}",
        "dtype": "float64",
        "tolerance": {"rel": 1e-12, "abs": 1e-12},
        "cases": cases,
    }
    out = os.path.join(os.path.dirname(__file__), "oracle-added.json")
    with open(out, "w") as f:
        json.dump(doc, f, indent=None)
        f.write("\n")
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
