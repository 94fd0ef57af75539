//! The models whose shared weights the loss trains (`src/model.rs`) against PyTorch:
//! `tests/data/models.json`, written by `tests/models/make_models.py` with torch autograd of
//! `loss.mean()` and `torch.optim.SGD` in float64. Every field within `1e-12 + 1e-12 |want|`,
//! the oracle's rule; then properties PyTorch is not needed for.
#![cfg(not(target_arch = "wasm32"))]

use losslab::{evaluate_model, step_model, Loss, LossError, ModelKind, ModelRequest};
use serde_json::Value;

const MODELS: &str = include_str!("data/models.json");
const ABS: f64 = 1e-12;
const REL: f64 = 1e-12;

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn close(id: &str, field: &str, got: &[f64], want: &[f64], failures: &mut Vec<String>) {
    if got.len() != want.len() {
        failures.push(format!("{id}: {field}: length {} vs {}", got.len(), want.len()));
        return;
    }
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let bound = ABS + REL * w.abs();
        if (g - w).abs() > bound {
            failures.push(format!("{id}: {field}[{i}]: got {g:e}, want {w:e}"));
        }
    }
}

struct Case {
    id: String,
    kind: ModelKind,
    loss: Loss,
    weights: Vec<f64>,
    features: Vec<f64>,
    targets: Vec<f64>,
}

impl Case {
    fn of(v: &Value) -> Case {
        let params: Vec<(String, f64)> =
            v["params"].as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_f64().unwrap())).collect();
        let params: Vec<(&str, f64)> = params.iter().map(|(k, x)| (k.as_str(), *x)).collect();
        Case {
            id: v["id"].as_str().unwrap().to_string(),
            kind: ModelKind::parse(v["model"].as_str().unwrap()).unwrap(),
            loss: Loss::parse(v["loss"].as_str().unwrap(), &params).unwrap(),
            weights: numbers(&v["weights"]),
            features: numbers(&v["features"]),
            targets: numbers(&v["targets"]),
        }
    }

    fn request<'a>(&'a self, weights: &'a [f64]) -> ModelRequest<'a> {
        ModelRequest { kind: self.kind, loss: self.loss, weights, features: &self.features, targets: &self.targets }
    }
}

#[test]
fn every_model_case_matches_pytorch_predictions_losses_mean_and_weight_gradients() {
    let doc: Value = serde_json::from_str(MODELS).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 18, "the golden vectors are all there");
    let mut failures = vec![];
    for v in cases {
        let case = Case::of(v);
        let r = evaluate_model(&case.request(&case.weights)).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        close(&case.id, "predictions", &r.predictions, &numbers(&v["predictions"]), &mut failures);
        close(&case.id, "per_sample", &r.per_sample, &numbers(&v["per_sample"]), &mut failures);
        close(&case.id, "mean", &[r.mean], &[v["mean"].as_f64().unwrap()], &mut failures);
        close(&case.id, "sum", &[r.sum], &[v["sum"].as_f64().unwrap()], &mut failures);
        close(&case.id, "grad", &r.grad, &numbers(&v["grad"]), &mut failures);
        if let Some(probs) = v.get("probs") {
            close(&case.id, "probs", r.probs.as_deref().unwrap_or(&[]), &numbers(probs), &mut failures);
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn sgd_steps_land_where_torch_optim_sgd_does() {
    let doc: Value = serde_json::from_str(MODELS).unwrap();
    let mut failures = vec![];
    for v in doc["cases"].as_array().unwrap() {
        let case = Case::of(v);
        let lr = v["lr"].as_f64().unwrap();
        let mut weights = case.weights.clone();
        let mut means = vec![];
        for _ in 0..v["steps"].as_u64().unwrap() {
            means.push(evaluate_model(&case.request(&weights)).unwrap().mean);
            weights = step_model(&case.request(&weights), lr).unwrap();
        }
        close(&case.id, "means_before_each_step", &means, &numbers(&v["means_before_each_step"]), &mut failures);
        close(&case.id, "weights_after", &weights, &numbers(&v["weights_after"]), &mut failures);
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Targets 1, 2, 3, 4 and the outlier 12: mean 4.4, median 3 (by hand).
const OUTLIER: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 12.0];

fn train_constant(loss: Loss, start: f64, lr: f64, steps: usize) -> f64 {
    let mut c = vec![start];
    for _ in 0..steps {
        let req = ModelRequest { kind: ModelKind::Constant, loss, weights: &c, features: &[], targets: &OUTLIER };
        c = step_model(&req, lr).unwrap();
    }
    c[0]
}

#[test]
fn a_constant_goes_to_the_mean_under_squared_error_and_to_the_median_under_absolute_error() {
    let mean = train_constant(Loss::Mse, 0.0, 0.1, 200);
    assert!((mean - 4.4).abs() < 1e-9, "mse: {mean}");
    // MAE's gradient is (#below − #above) / N: a step of lr / N until c sits on the median.
    let median = train_constant(Loss::Mae, 0.0, 0.05, 400);
    assert!((median - 3.0).abs() <= 0.01 + 1e-12, "mae: {median}");
    // Huber with δ = 1 ends where the clipped pulls balance: at c = 3 the errors are 2, 1, 0, −1, −9,
    // pulls +1, +1, 0, −1, −1 (hand): the median here, well short of the mean the outlier drags MSE to.
    let huber = train_constant(Loss::Huber { delta: 1.0 }, 0.0, 0.1, 2000);
    assert!((huber - 3.0).abs() < 1e-9, "huber: {huber}");
}

#[test]
fn a_small_step_lowers_a_smooth_mean_for_every_model() {
    let words = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0];
    let requests = [
        (ModelKind::Constant, Loss::Mse, vec![2.5], vec![], OUTLIER.to_vec()),
        (ModelKind::Line, Loss::LogCosh, vec![0.5, 0.0], vec![0.0, 1.0, 2.0, 3.0, 4.0], OUTLIER.to_vec()),
        (ModelKind::Words, Loss::Bce, vec![0.1, -0.2, 0.3, 0.0, 0.5, 0.0], words.to_vec(), vec![1.0, 0.0, 1.0]),
    ];
    for (kind, loss, weights, features, targets) in requests {
        let req = ModelRequest { kind, loss, weights: &weights, features: &features, targets: &targets };
        let before = evaluate_model(&req).unwrap().mean;
        let next = step_model(&req, 1e-3).unwrap();
        let after = evaluate_model(&ModelRequest { weights: &next, ..req }).unwrap().mean;
        assert!(after < before, "{kind:?}: {after} < {before}");
    }
}

#[test]
fn bad_data_gets_an_error_that_names_what_is_wrong() {
    let msg = |req: ModelRequest<'_>| evaluate_model(&req).unwrap_err().to_string();
    let line = |weights: &'static [f64], features: &'static [f64], targets: &'static [f64]| ModelRequest {
        kind: ModelKind::Line,
        loss: Loss::Mse,
        weights,
        features,
        targets,
    };
    assert_eq!(msg(line(&[1.0], &[0.0], &[1.0])), "the line model takes two weights, w and b, but 1 weight was given");
    assert_eq!(
        msg(line(&[1.0, 0.0], &[0.0, 1.0], &[1.0])),
        "the line model needs 1 feature value, one row per target, but 2 were given"
    );
    assert_eq!(
        msg(line(&[1.0, 0.0], &[0.0, f64::NAN], &[1.0, 2.0])),
        "x of point 2 is NaN, but it must be a finite number"
    );
    assert_eq!(msg(line(&[1.0, 0.0], &[], &[])), "there are no samples: give at least one");
    let words = |features: &'static [f64]| ModelRequest {
        kind: ModelKind::Words,
        loss: Loss::Bce,
        weights: &[0.5, -0.5, 0.0],
        features,
        targets: &[1.0, 0.0],
    };
    assert_eq!(msg(words(&[1.0, 0.0, 0.0, 0.0])), "sentence 2 has no words the model knows: give it at least one");
    assert_eq!(
        msg(words(&[1.0, 0.0, -1.0, 1.0])),
        "word count of sentence 2 is -1, but it must be a count of 0 or more"
    );
    let wrong_family = ModelRequest {
        kind: ModelKind::Words,
        loss: Loss::Mse,
        weights: &[1.0, 0.0],
        features: &[1.0],
        targets: &[1.0],
    };
    assert_eq!(msg(wrong_family), "the words model is trained with a binary loss, not mse");
    assert!(matches!(ModelKind::parse("tree"), Err(LossError::UnknownModel(_))));
    assert_eq!(
        ModelKind::parse("tree").unwrap_err().to_string(),
        "unknown model 'tree': expected constant, line or words"
    );
    let huge = ModelRequest {
        kind: ModelKind::Constant,
        loss: Loss::Mse,
        weights: &[1e300],
        features: &[],
        targets: &[-1e300],
    };
    assert_eq!(
        step_model(&huge, 1e10).unwrap_err().to_string(),
        "this step would send weight 1 to -inf: lower the learning rate"
    );
}
