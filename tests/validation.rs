//! Every way a request can be wrong gets its own error, naming the sample (counted from
//! 1, as the page counts) and the value, and the first problem in sample order wins.
#![cfg(not(target_arch = "wasm32"))]

use losslab::{evaluate, evaluate_into, step, At, Field, Loss, LossError, LossId, Outputs, Request, Space};

fn message(req: Request<'_>) -> String {
    evaluate(&req).unwrap_err().to_string()
}

const SEED_T: [f64; 3] = [1.0, 0.0, 1.0];

#[test]
fn probabilities_outside_unit_interval_name_the_sample() {
    let x = [0.9, 0.2, 1.7];
    let err = evaluate(&Request::vector(Loss::Distance, Some(Space::Prob), &x, &SEED_T)).unwrap_err();
    assert_eq!(err, LossError::ProbabilityOutOfRange { at: At { sample: 2, col: None }, value: 1.7 });
    assert_eq!(err.to_string(), "prediction 3 is 1.7, outside [0, 1]: in space prob a prediction is a probability");
    // The same number is a fine activation.
    assert!(evaluate(&Request::vector(Loss::Distance, Some(Space::Logit), &x, &SEED_T)).is_ok());
}

#[test]
fn non_finite_numbers_are_named_by_role() {
    let m = message(Request::vector(Loss::Bce, Some(Space::Logit), &[0.1, f64::NAN, 0.2], &SEED_T));
    assert_eq!(m, "activation 2 is NaN, not a finite number");
    let m = message(Request::vector(Loss::Mse, None, &[0.1, 0.2, 0.3], &[0.0, 0.0, f64::INFINITY]));
    assert_eq!(m, "target 3 is inf, not a finite number");
    let m = message(Request::matrix(Loss::MultilabelBce, &[0.0, 0.0, 0.0, f64::NEG_INFINITY], 2, &[0.0; 4]));
    assert_eq!(m, "activation 2 of sample 2 is -inf, not a finite number");
}

#[test]
fn the_first_bad_sample_wins() {
    // Sample 2's target is bad before sample 3's prediction.
    let m = message(Request::vector(Loss::Bce, Some(Space::Prob), &[0.5, 0.5, 2.0], &[1.0, 1.5, 0.0]));
    assert_eq!(m, "target 2 is 1.5, outside [0, 1]");
}

#[test]
fn class_indices_must_be_whole_and_in_range() {
    let ce = Loss::CrossEntropy { label_smoothing: 0.0 };
    let x = [0.0; 6];
    assert_eq!(
        message(Request::matrix(ce, &x, 3, &[0.0, 1.5])),
        "target 2 is 1.5, but a class index must be a whole number from 0 to 2"
    );
    assert_eq!(
        evaluate(&Request::matrix(ce, &x, 3, &[3.0, 0.0])).unwrap_err(),
        LossError::InvalidClass { sample: 0, value: 3.0, classes: 3 }
    );
    assert!(evaluate(&Request::matrix(ce, &x, 3, &[-1.0, 0.0])).is_err());
    assert_eq!(
        message(Request::matrix(ce, &[1.0, 2.0], 1, &[0.0, 0.0])),
        "1 class per sample: cross_entropy needs at least 2"
    );
}

#[test]
fn poisson_counts_are_zero_or_more_and_any_prediction_is_a_log_rate() {
    let x = [0.5, -2.0, 1.0];
    assert_eq!(
        message(Request::vector(Loss::PoissonNll, None, &x, &[1.0, -1.0, 2.0])),
        "target 2 is -1, but poisson_nll's target is a count: 0 or more"
    );
    assert_eq!(
        evaluate(&Request::vector(Loss::PoissonNll, None, &x, &[1.0, 0.0, -0.5])).unwrap_err(),
        LossError::NegativeCount { sample: 2, value: -0.5 }
    );
    // Not finite is named as for any regression target; counts need not be whole (PyTorch takes any y >= 0).
    assert_eq!(
        message(Request::vector(Loss::PoissonNll, None, &x, &[f64::NAN, 0.0, 1.0])),
        "target 1 is NaN, not a finite number"
    );
    assert!(evaluate(&Request::vector(Loss::PoissonNll, None, &x, &[0.0, 2.5, 7.0])).is_ok());
    // Other regression losses still take negative targets.
    assert!(evaluate(&Request::vector(Loss::Mse, None, &x, &[-1.0, -2.0, -3.0])).is_ok());
}

#[test]
fn shapes_and_lengths() {
    assert_eq!(message(Request::vector(Loss::Mse, None, &[], &[])), "there are no samples: give at least one");
    assert_eq!(
        message(Request::vector(Loss::Mse, None, &[1.0, 2.0], &[1.0])),
        "2 inputs but 1 target: give one target per sample"
    );
    assert_eq!(
        message(Request::matrix(Loss::Mse, &[1.0, 2.0], 2, &[1.0])),
        "mse expects one number per sample, not rows"
    );
    assert!(matches!(
        evaluate(&Request::matrix(Loss::MultilabelBce, &[1.0, 2.0, 3.0], 2, &[0.0; 3])),
        Err(LossError::WrongShape { .. })
    ));
    let err = losslab::flatten_rows(&[vec![1.0, 2.0], vec![3.0]], Field::Activation).unwrap_err();
    assert_eq!(err.to_string(), "activation row 2 has 1 value, but row 1 has 2: every row needs the same length");
}

#[test]
fn spaces() {
    assert_eq!(
        message(Request::vector(Loss::Bce, None, &[0.5], &[1.0])),
        "bce needs a space: logit (raw activations) or prob (probabilities)"
    );
    assert_eq!(
        message(Request::vector(Loss::Mse, Some(Space::Logit), &[0.5], &[1.0])),
        "mse takes no space: give its inputs as they are"
    );
    assert_eq!(
        message(Request::vector(Loss::Hinge, Some(Space::Prob), &[0.5], &[1.0])),
        "hinge works on raw activations (space logit) only, not in space prob"
    );
    assert_eq!(Space::parse("probs").unwrap_err().to_string(), "unknown space 'probs': expected logit or prob");
}

#[test]
fn ids_and_parameters() {
    let e = Loss::parse("cross-entropy", &[]).unwrap_err().to_string();
    assert!(e.starts_with("unknown loss 'cross-entropy': expected one of distance, bce,"), "{e}");
    assert_eq!(
        Loss::parse("bce", &[("gamma", 2.0)]).unwrap_err().to_string(),
        "bce takes no parameters, but 'gamma' was given"
    );
    assert_eq!(
        Loss::parse("focal", &[("gama", 2.0)]).unwrap_err().to_string(),
        "focal has no parameter 'gama': it takes gamma, alpha"
    );
    let bad = [
        (LossId::Focal, "gamma", -0.5, "gamma is -0.5, but it must be a finite number >= 0"),
        (LossId::Focal, "gamma", f64::INFINITY, "gamma is inf, but it must be a finite number >= 0"),
        (LossId::Focal, "alpha", 1.5, "alpha is 1.5, but it must be in [0, 1], or -1 to turn weighting off"),
        (LossId::Focal, "alpha", -0.5, "alpha is -0.5, but it must be in [0, 1], or -1 to turn weighting off"),
        (LossId::Huber, "delta", 0.0, "delta is 0, but it must be a finite number > 0"),
        (LossId::SmoothL1, "beta", -1.0, "beta is -1, but it must be a finite number >= 0"),
        (LossId::CrossEntropy, "label_smoothing", 1.1, "label_smoothing is 1.1, but it must be in [0, 1]"),
        (LossId::CrossEntropy, "label_smoothing", f64::NAN, "label_smoothing is NaN, but it must be in [0, 1]"),
    ];
    for (id, name, value, want) in bad {
        assert_eq!(Loss::new(id, &[(name, value)]).unwrap_err().to_string(), want);
    }
    // alpha = -1 turns weighting off; smooth_l1 with beta = 0 is plain L1.
    assert!(Loss::new(LossId::Focal, &[("alpha", -1.0)]).is_ok());
    assert!(Loss::new(LossId::SmoothL1, &[("beta", 0.0)]).is_ok());
    // A hand-built loss with a bad field is caught when the request is validated.
    let m = message(Request::vector(Loss::Huber { delta: -1.0 }, None, &[0.0], &[0.0]));
    assert_eq!(m, "delta is -1, but it must be a finite number > 0");
}

#[test]
fn learning_rates_and_divergence() {
    let req = Request::vector(Loss::Mse, None, &[1e300], &[-1e300]);
    for lr in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(step(&req, lr), Err(LossError::InvalidLearningRate { .. })), "lr {lr}");
    }
    assert_eq!(step(&req, 0.0).unwrap_err().to_string(), "learning rate is 0, but it must be a finite number above 0");
    // 1e300 - 1e300 * (2 * 2e300) overflows: no step can be reported as numbers.
    let err = step(&req, 1e300).unwrap_err();
    assert!(err.to_string().starts_with("this step would send input 1 to"), "{err}");
}

#[test]
fn output_buffers_of_the_wrong_length_are_an_error_not_a_panic() {
    let req = Request::vector(Loss::Bce, Some(Space::Logit), &[0.9, 0.2, 0.3], &SEED_T);
    let (mut l, mut g) = ([0.0; 2], [0.0; 3]);
    let err =
        evaluate_into(&req, Outputs { per_sample: &mut l, grad: &mut g, probs: None, per_element: None }).unwrap_err();
    assert_eq!(err.to_string(), "output buffer per_sample has length 2, but 3 are needed");
    assert_eq!(l, [0.0; 2], "buffers untouched on error");
}

#[test]
fn prob_space_step_stays_a_probability() {
    // bce's gradient at p = 0.001 with t = 1 is about -1000: a big step clamps at 1.
    let req = Request::vector(Loss::Bce, Some(Space::Prob), &[0.001, 0.5], &[1.0, 0.0]);
    let next = step(&req, 10.0).unwrap();
    assert_eq!(next[0], 1.0);
    assert_eq!(next[1], 0.0);
    assert!(evaluate(&Request { inputs: &next, ..req }).is_ok());
}
