//! Per-sample loss plus gradient, one representative per family, for N = 8, 1,000 and
//! 1,000,000, through the allocation-free `evaluate_into` (validation included).
//! Run with `cargo bench --bench losses` (or `make bench`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use losslab::{evaluate_into, Loss, Outputs, Request, Space};
use std::hint::black_box;
use std::time::Duration;

/// Deterministic inputs in [-8, 8) and 0/1 targets (a tiny LCG, so runs compare).
fn data(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let x = (0..n).map(|_| next() * 16.0 - 8.0).collect();
    let t = (0..n).map(|_| if next() < 0.5 { 0.0 } else { 1.0 }).collect();
    (x, t)
}

fn bench(c: &mut Criterion) {
    const K: usize = 10;
    let families: [(&str, Loss, Option<Space>, usize); 6] = [
        ("bce_logit", Loss::Bce, Some(Space::Logit), 1),
        ("bce_prob", Loss::Bce, Some(Space::Prob), 1),
        ("focal_logit", Loss::Focal { gamma: 2.0, alpha: 0.25 }, Some(Space::Logit), 1),
        ("huber", Loss::Huber { delta: 1.0 }, None, 1),
        ("cross_entropy_k10", Loss::CrossEntropy { label_smoothing: 0.1 }, None, K),
        ("multilabel_bce_k10", Loss::MultilabelBce, None, K),
    ];
    for (name, loss, space, cols) in families {
        let mut group = c.benchmark_group(name);
        for n in [8usize, 1_000, 1_000_000] {
            if n == 1_000_000 {
                group.sample_size(10);
            }
            let (mut x, t_flat) = data(n * cols);
            if space == Some(Space::Prob) {
                x.iter_mut().for_each(|v| *v = (*v + 8.0) / 16.0);
            }
            let t: Vec<f64> = match loss {
                Loss::CrossEntropy { .. } => (0..n).map(|i| (i % cols) as f64).collect(),
                Loss::MultilabelBce => t_flat,
                _ => t_flat[..n].to_vec(),
            };
            let req = Request { loss, space, inputs: &x, cols, targets: &t };
            let (mut per, mut grad) = (vec![0.0; n], vec![0.0; n * cols]);
            group.throughput(Throughput::Elements((n * cols) as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &req, |b, req| {
                b.iter(|| {
                    let out = Outputs { per_sample: &mut per, grad: &mut grad, probs: None, per_element: None };
                    black_box(evaluate_into(black_box(req), out).unwrap())
                })
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    // Short windows: 18 benchmarks would otherwise take minutes on a 2-core machine.
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
