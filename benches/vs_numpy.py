"""bce-with-logits, per-sample loss and gradient, N = 1,000,000: losslab (Rust, native,
validation included) against numpy's vectorised float64 formula, side by side in one run.

numpy computes the same stable formula the engine uses:
    loss = max(x, 0) - x t + log1p(exp(-|x|)),   grad = sigmoid(x) - t
Rounds alternate (numpy, then Rust) so both see the same machine load; medians are printed.
Run with `make bench-numpy` or `python3 benches/vs_numpy.py`.
"""
import statistics
import subprocess
import sys
import time

import numpy as np

N = 1_000_000
ROUNDS = 5
REPS = 7  # timed repetitions per round and side


def numpy_bce(x, t):
    loss = np.maximum(x, 0.0) - x * t + np.log1p(np.exp(-np.abs(x)))
    grad = 1.0 / (1.0 + np.exp(-x)) - t
    return loss, grad


def main():
    rng = np.random.default_rng(42)
    x = rng.uniform(-8.0, 8.0, N)
    t = (rng.random(N) < 0.5).astype(np.float64)
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "bce_throughput"], check=True)
    exe = "target/release/examples/bce_throughput"
    numpy_ms, rust_ms = [], []
    for _ in range(ROUNDS):
        for _ in range(REPS):
            start = time.perf_counter()
            numpy_bce(x, t)
            numpy_ms.append((time.perf_counter() - start) * 1e3)
        out = subprocess.run([exe, str(N), str(REPS)], check=True, capture_output=True, text=True).stdout
        rust_ms += [float(line.split()[1]) for line in out.splitlines() if line.startswith("rust_ms")]
    n_med, r_med = statistics.median(numpy_ms), statistics.median(rust_ms)
    print(f"bce with logits, loss + gradient, N = {N:,}, float64, median of {len(numpy_ms)} runs each")
    print(f"  numpy {np.__version__:<8} {n_med:8.2f} ms")
    print(f"  losslab (native)  {r_med:8.2f} ms")
    print(f"  losslab is {n_med / r_med:.2f}x numpy's speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
