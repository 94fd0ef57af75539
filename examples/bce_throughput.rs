//! Times per-sample bce-with-logits loss plus gradient at N = 1,000,000 through the
//! allocation-free path and prints one line per repetition: `rust_ms <milliseconds>`.
//! Driven by `benches/vs_numpy.py`, which runs numpy's vectorised formula in between.
//!
//! Usage: `cargo run --release --example bce_throughput -- [N] [repetitions]`

use losslab::{evaluate_into, Loss, Outputs, Request, Space};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let mut state: u64 = 42;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    // The same distribution as the numpy side: x uniform in [-8, 8), t 0 or 1.
    let x: Vec<f64> = (0..n).map(|_| next() * 16.0 - 8.0).collect();
    let t: Vec<f64> = (0..n).map(|_| if next() < 0.5 { 0.0 } else { 1.0 }).collect();
    let (mut loss, mut grad) = (vec![0.0; n], vec![0.0; n]);
    let req = Request::vector(Loss::Bce, Some(Space::Logit), &x, &t);
    for _ in 0..reps {
        let start = Instant::now();
        let out = Outputs { per_sample: &mut loss, grad: &mut grad, probs: None, per_element: None };
        let totals = evaluate_into(&req, out).expect("valid request");
        let ms = start.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(totals);
        println!("rust_ms {ms:.3}");
    }
}
