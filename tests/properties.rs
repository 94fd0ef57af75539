//! Properties that must hold for any input (proptest): no panic on anything, losses are
//! never negative, sigmoid and softmax identities, the gradient agrees with a central
//! finite difference wherever the loss is smooth, and a small training step never
//! raises the mean loss of a smooth loss.
#![cfg(not(target_arch = "wasm32"))]

use losslab::{
    evaluate, evaluate_into, log_softmax, sigmoid, softmax, step, Family, Loss, LossId, Outputs, Request, Space,
};
use proptest::prelude::*;

/// Any f64 at all, with the awkward ones made likely.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -3.0f64..3.0,
        1 => any::<f64>(),
        1 => prop::sample::select(vec![0.0, -0.0, 0.5, 1.0, -1.0, 1e-300, 5e-324, 1e300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX]),
    ]
}

fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(LossId::ALL.map(|l| l.as_str()).to_vec()).prop_map(String::from),
        1 => "[a-z_]{0,12}",
    ]
}

fn any_space() -> impl Strategy<Value = Option<Space>> {
    prop::option::of(prop::sample::select(vec![Space::Logit, Space::Prob]))
}

fn any_params() -> impl Strategy<Value = Vec<(String, f64)>> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["gamma", "alpha", "delta", "beta", "label_smoothing", "lr"])
                .prop_map(String::from),
            any_number(),
        ),
        0..3,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Ok or Err for every id, space, parameter, shape and number; never a panic.
    #[test]
    fn nothing_panics(
        id in any_id(),
        space in any_space(),
        params in any_params(),
        inputs in prop::collection::vec(any_number(), 0..12),
        targets in prop::collection::vec(any_number(), 0..12),
        cols in 0usize..5,
        lr in any_number(),
        out_len in 0usize..13,
    ) {
        let named: Vec<(&str, f64)> = params.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        if let Ok(loss) = Loss::parse(&id, &named) {
            let req = Request { loss, space, inputs: &inputs, cols, targets: &targets };
            if let Ok(r) = evaluate(&req) {
                prop_assert_eq!(r.per_sample.len(), r.rows);
                prop_assert_eq!(r.grad.len(), inputs.len());
            }
            let _ = step(&req, lr);
            let (mut a, mut b, mut c, mut d) = (vec![0.0; out_len], vec![0.0; out_len], vec![0.0; out_len], vec![0.0; out_len]);
            let _ = evaluate_into(&req, Outputs { per_sample: &mut a, grad: &mut b, probs: Some(&mut c), per_element: Some(&mut d) });
        }
    }
}

/// A valid request for `id`, drawn from sensible ranges: N samples, K columns for
/// matrices, targets of the right kind. Binary targets are mostly 0 or 1, sometimes soft.
#[derive(Debug, Clone)]
struct Case {
    loss: Loss,
    space: Option<Space>,
    inputs: Vec<f64>,
    cols: usize,
    targets: Vec<f64>,
}

impl Case {
    fn request(&self) -> Request<'_> {
        Request { loss: self.loss, space: self.space, inputs: &self.inputs, cols: self.cols, targets: &self.targets }
    }
}

fn binary_target() -> impl Strategy<Value = f64> {
    prop_oneof![3 => prop::sample::select(vec![0.0, 1.0]), 1 => 0.0f64..=1.0]
}

/// `prob_margin` keeps probabilities that far from 0 and 1 (for finite differences).
fn valid_case(id: LossId, prob_margin: f64) -> BoxedStrategy<Case> {
    let params = match id {
        LossId::Focal => (0.0f64..4.0, prop_oneof![Just(-1.0), 0.0f64..=1.0])
            .prop_map(|(g, a)| Loss::Focal { gamma: g, alpha: a })
            .boxed(),
        LossId::Huber => (0.1f64..3.0).prop_map(|delta| Loss::Huber { delta }).boxed(),
        LossId::SmoothL1 => (0.1f64..3.0).prop_map(|beta| Loss::SmoothL1 { beta }).boxed(),
        LossId::CrossEntropy => (0.0f64..=1.0).prop_map(|e| Loss::CrossEntropy { label_smoothing: e }).boxed(),
        _ => Just(id.with_defaults()).boxed(),
    };
    match id.family() {
        Family::Binary => (params, prop::sample::select(id.spaces().to_vec()), 1usize..9)
            .prop_flat_map(move |(loss, space, n)| {
                let x = if space == Space::Prob {
                    (prob_margin..=1.0 - prob_margin).boxed()
                } else if prob_margin == 0.0 {
                    // No finite differences on these: reach saturation and the subnormal band.
                    prop_oneof![3 => -15.0f64..15.0, 1 => -800.0f64..800.0].boxed()
                } else {
                    (-15.0f64..15.0).boxed()
                };
                (prop::collection::vec(x, n), prop::collection::vec(binary_target(), n))
                    .prop_map(move |(inputs, targets)| Case { loss, space: Some(space), inputs, cols: 1, targets })
            })
            .boxed(),
        Family::Regression => (params, 1usize..9)
            .prop_flat_map(|(loss, n)| {
                // poisson_nll's targets are counts: mostly whole, 0 or more.
                let target = if loss == Loss::PoissonNll {
                    prop_oneof![3 => (0u32..30).prop_map(f64::from), 1 => 0.0f64..30.0].boxed()
                } else {
                    (-10.0f64..10.0).boxed()
                };
                (prop::collection::vec(-10.0f64..10.0, n), prop::collection::vec(target, n))
                    .prop_map(move |(inputs, targets)| Case { loss, space: None, inputs, cols: 1, targets })
            })
            .boxed(),
        Family::MultiClass => (params, 1usize..6, 2usize..6)
            .prop_flat_map(|(loss, n, k)| {
                (prop::collection::vec(-8.0f64..8.0, n * k), prop::collection::vec(0..k, n)).prop_map(
                    move |(inputs, classes)| Case {
                        loss,
                        space: None,
                        inputs,
                        cols: k,
                        targets: classes.into_iter().map(|c| c as f64).collect(),
                    },
                )
            })
            .boxed(),
        Family::MultiLabel => (params, 1usize..6, 1usize..6)
            .prop_flat_map(|(loss, n, k)| {
                (prop::collection::vec(-8.0f64..8.0, n * k), prop::collection::vec(binary_target(), n * k))
                    .prop_map(move |(inputs, targets)| Case { loss, space: None, inputs, cols: k, targets })
            })
            .boxed(),
    }
}

fn any_valid_case(prob_margin: f64) -> impl Strategy<Value = Case> {
    prop::sample::select(LossId::ALL.to_vec()).prop_flat_map(move |id| valid_case(id, prob_margin))
}

/// Losses with a gradient everywhere except at a few kinks (checked separately).
fn smooth(id: LossId) -> bool {
    !matches!(id, LossId::ZeroOne | LossId::Hinge | LossId::Mae)
}

/// Distance from input `i` to the nearest kink of the loss, in input units (inf if none).
fn distance_to_kink(case: &Case, i: usize) -> f64 {
    let x = case.inputs[i];
    let t = case.targets.get(i).copied().unwrap_or(0.0);
    match case.loss {
        Loss::Huber { delta } => ((x - t).abs() - delta).abs(),
        Loss::SmoothL1 { beta } => ((x - t).abs() - beta).abs(),
        Loss::Mae => (x - t).abs(),
        Loss::Hinge => (1.0 - (2.0 * t - 1.0) * x).abs() / (2.0 * t - 1.0).abs().max(1e-300),
        _ => f64::INFINITY,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn losses_are_never_below_their_least_value_and_always_finite(case in any_valid_case(0.0)) {
        let r = evaluate(&case.request()).unwrap();
        // Every loss is at least 0, but poisson_nll, which leaves out ln(y!): its least value is
        // y - y ln y, at the rate e^x = y (and 0, far to the left, for y = 0).
        let least = |i: usize| match case.loss {
            Loss::PoissonNll if case.targets[i] > 0.0 => case.targets[i] * (1.0 - case.targets[i].ln()),
            _ => 0.0,
        };
        for (i, &l) in r.per_sample.iter().enumerate() {
            let floor = least(i);
            prop_assert!(l >= floor - 1e-12 * floor.abs() && l.is_finite(), "sample {i}: loss {l}, least {floor}, for {case:?}");
        }
        prop_assert!(r.grad.iter().all(|g| g.is_finite()), "grad {:?}", r.grad);
        if case.loss != Loss::PoissonNll {
            prop_assert!(r.mean >= 0.0 && r.sum >= 0.0);
        }
    }

    #[test]
    fn gradient_matches_central_difference(case in any_valid_case(0.02)) {
        let id = case.loss.id();
        let r = evaluate(&case.request()).unwrap();
        for i in 0..case.inputs.len() {
            let h = 1e-6 * case.inputs[i].abs().max(1.0);
            if distance_to_kink(&case, i) < 4.0 * h || !smooth(id) && distance_to_kink(&case, i).is_infinite() {
                continue;
            }
            let sum_at = |x: f64| {
                let mut c = case.clone();
                c.inputs[i] = x;
                evaluate(&c.request()).unwrap().sum
            };
            let numeric = (sum_at(case.inputs[i] + h) - sum_at(case.inputs[i] - h)) / (2.0 * h);
            let g = r.grad[i];
            prop_assert!(
                (numeric - g).abs() <= 1e-5 * g.abs().max(1.0),
                "{} input {i}: autograd-style {g}, finite difference {numeric}, case {case:?}", id.as_str()
            );
        }
    }

    #[test]
    fn a_small_step_never_raises_a_smooth_mean_loss(case in any_valid_case(0.01), lr in 1e-5f64..1e-4) {
        prop_assume!(smooth(case.loss.id()));
        let before = evaluate(&case.request()).unwrap().mean;
        let next = step(&case.request(), lr).unwrap();
        let after = evaluate(&Request { inputs: &next, ..case.request() }).unwrap().mean;
        prop_assert!(after <= before + 1e-13 * before.max(1.0), "{} rose from {before} to {after}", case.loss.id().as_str());
    }

    #[test]
    fn sigmoid_is_symmetric(x in -800.0f64..800.0) {
        prop_assert!((sigmoid(-x) - (1.0 - sigmoid(x))).abs() <= f64::EPSILON);
        let s = sigmoid(x);
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn softmax_rows_sum_to_one(row in prop::collection::vec(-700.0f64..700.0, 1..12)) {
        let p = softmax(&row);
        let total: f64 = p.iter().sum();
        prop_assert!((total - 1.0).abs() <= 1e-12, "sum {total}");
        prop_assert!(p.iter().all(|&v| (0.0..=1.0).contains(&v)));
        for (lp, pk) in log_softmax(&row).iter().zip(&p) {
            prop_assert!((lp.exp() - pk).abs() <= 1e-12);
        }
    }

    #[test]
    fn evaluate_into_equals_evaluate(case in any_valid_case(0.0)) {
        let req = case.request();
        let r = evaluate(&req).unwrap();
        let n = req.inputs.len();
        let (mut l, mut g, mut p, mut e) = (vec![0.0; r.rows], vec![0.0; n], vec![f64::NAN; n], vec![0.0; n]);
        let totals = evaluate_into(&req, Outputs { per_sample: &mut l, grad: &mut g, probs: Some(&mut p), per_element: Some(&mut e) }).unwrap();
        prop_assert_eq!(&l, &r.per_sample);
        prop_assert_eq!(&g, &r.grad);
        prop_assert_eq!(totals.sum, r.sum);
        if let Some(probs) = &r.probs {
            prop_assert_eq!(&p, probs);
        }
    }

    /// Without probabilities or elementwise losses wanted, the kernels write them to blocks
    /// of their own: the losses and gradients must not change, also past several blocks
    /// (with rows of multilabel_bce that straddle them).
    #[test]
    fn outputs_not_wanted_change_nothing(case in any_valid_case(0.0), times in prop_oneof![Just(1usize), 37usize..80]) {
        let (inputs, targets) = (case.inputs.repeat(times), case.targets.repeat(times));
        let req = Request { inputs: &inputs, targets: &targets, ..case.request() };
        let r = evaluate(&req).unwrap();
        let (mut l, mut g) = (vec![0.0; r.rows], vec![0.0; inputs.len()]);
        let totals = evaluate_into(&req, Outputs { per_sample: &mut l, grad: &mut g, probs: None, per_element: None }).unwrap();
        prop_assert_eq!(&l, &r.per_sample);
        prop_assert_eq!(&g, &r.grad);
        prop_assert_eq!(totals.sum, r.sum);
    }
}
