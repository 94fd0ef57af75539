//! Every case of the PyTorch oracle (`tests/data/oracle.json`, a copy of the team's
//! `shared/oracle/public.json`: PyTorch 2.15 in float64, gradients by autograd, focal
//! from torchvision) must match under its tolerance rule:
//! `|got - want| <= abs + rel * |want|`, elementwise, for every field present.
#![cfg(not(target_arch = "wasm32"))]

use losslab::{evaluate, flatten_rows, sigmoid, sigmoid_grad, Field, Loss, Request, Space};
use serde_json::Value;

const ORACLE: &str = include_str!("data/oracle.json");
/// PyTorch's values for the losses added since (poisson_nll), made the same way by
/// tests/data/make_added.py (torch 2.15 on the CPU, float64, autograd).
const ADDED: &str = include_str!("data/oracle-added.json");

#[derive(Clone, Copy)]
struct Tolerance {
    rel: f64,
    abs: f64,
}

fn tolerance(v: &Value) -> Tolerance {
    Tolerance { rel: v["rel"].as_f64().unwrap(), abs: v["abs"].as_f64().unwrap() }
}

/// A number, a list or a matrix from the JSON, flattened row-major.
fn flat(v: &Value) -> Vec<f64> {
    match v {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        other => panic!("not numeric: {other}"),
    }
}

struct Checker<'a> {
    id: &'a str,
    tol: Tolerance,
    failures: Vec<String>,
}

impl Checker<'_> {
    fn close(&mut self, field: &str, got: &[f64], want: &[f64]) {
        if got.len() != want.len() {
            self.failures.push(format!("{}: {field}: length {} vs {}", self.id, got.len(), want.len()));
            return;
        }
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            let bound = self.tol.abs + self.tol.rel * w.abs();
            let within = (g - w).abs() <= bound; // false for NaN too
            if !within {
                self.failures.push(format!(
                    "{}: {field}[{i}]: got {g:e}, want {w:e} (|diff| {:e} > {bound:e})",
                    self.id,
                    (g - w).abs()
                ));
            }
        }
    }
}

/// Checks one case with its samples repeated `times` times (1: as given): every per-sample
/// and per-element number must repeat too, the mean stay and the sum grow `times` fold.
fn run_case(case: &Value, global: Tolerance, times: usize) -> Vec<String> {
    let id = &format!("{} x{times}", case["id"].as_str().unwrap());
    let tol = case.get("tolerance").map(tolerance).unwrap_or(global);
    let mut check = Checker { id, tol, failures: vec![] };
    let loss_id = case["loss"].as_str().unwrap();
    let inputs = &case["inputs"];

    if loss_id == "sigmoid" {
        let x = flat(inputs).repeat(times);
        let s: Vec<f64> = x.iter().map(|&x| sigmoid(x)).collect();
        let g: Vec<f64> = x.iter().map(|&x| sigmoid_grad(x)).collect();
        let sum: f64 = s.iter().sum();
        check.close("per_sample", &s, &flat(&case["per_sample"]).repeat(times));
        check.close("probs", &s, &flat(&case["probs"]).repeat(times));
        check.close("grad", &g, &flat(&case["grad"]).repeat(times));
        check.close("sum", &[sum / times as f64], &[case["sum"].as_f64().unwrap()]);
        check.close("mean", &[sum / x.len() as f64], &[case["mean"].as_f64().unwrap()]);
        return check.failures;
    }

    let params: Vec<(&str, f64)> =
        case["params"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_f64().unwrap())).collect();
    let loss = Loss::parse(loss_id, &params).unwrap_or_else(|e| panic!("{id}: {e}"));
    let space = case["space"].as_str().map(|s| Space::parse(s).unwrap());
    let is_matrix = inputs[0].is_array();
    let (x, cols) = if is_matrix {
        let rows: Vec<Vec<f64>> = inputs.as_array().unwrap().iter().map(flat).collect();
        flatten_rows(&rows, Field::Activation).unwrap()
    } else {
        (flat(inputs), 1)
    };
    let (x, t) = (x.repeat(times), flat(&case["targets"]).repeat(times));
    let req = Request { loss, space, inputs: &x, cols, targets: &t };
    let r = match evaluate(&req) {
        Ok(r) => r,
        Err(e) => return vec![format!("{id}: rejected: {e}")],
    };
    let want = |field: &str| flat(&case[field]).repeat(times);
    check.close("per_sample", &r.per_sample, &want("per_sample"));
    check.close("mean", &[r.mean], &[case["mean"].as_f64().unwrap()]);
    check.close("sum", &[r.sum / times as f64], &[case["sum"].as_f64().unwrap()]);
    check.close("grad", &r.grad, &want("grad"));
    match (case.get("probs"), &r.probs) {
        (Some(_), Some(got)) => check.close("probs", got, &want("probs")),
        (None, None) => {}
        (want, got) => {
            check.failures.push(format!("{id}: probs present: oracle {}, ours {}", want.is_some(), got.is_some()))
        }
    }
    match (case.get("per_element"), &r.per_element) {
        (Some(_), Some(got)) => check.close("per_element", got, &want("per_element")),
        (None, None) => {}
        (want, got) => {
            check.failures.push(format!("{id}: per_element present: oracle {}, ours {}", want.is_some(), got.is_some()))
        }
    }
    check.failures
}

/// Runs every case of an oracle document; returns one line per mismatch. Each case runs as
/// given and with its samples repeated past 300 numbers: small cases alone would leave
/// the vectorised loops' two-lane bodies and the kernels' blocks of 128 untried.
fn check_document(json: &str) -> (usize, Vec<String>) {
    let doc: Value = serde_json::from_str(json).unwrap();
    let global = tolerance(&doc["tolerance"]);
    let cases = doc["cases"].as_array().unwrap();
    let failures = cases
        .iter()
        .flat_map(|c| {
            let repeats = 300 / flat(&c["inputs"]).len() + 1;
            [1, repeats].into_iter().flat_map(move |times| run_case(c, global, times))
        })
        .collect();
    (cases.len(), failures)
}

#[test]
fn every_oracle_case_matches_pytorch() {
    let (n, failures) = check_document(ORACLE);
    assert_eq!(n, 136, "the public oracle has 136 cases");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_case_of_the_added_losses_matches_pytorch() {
    let (n, failures) = check_document(ADDED);
    assert!(n >= 10, "the added oracle has {n} cases");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Fresh cases from PyTorch on this machine: `make crosscheck` writes them with
/// tests/crosscheck/make_cases.py (needs torch) and runs this test on them.
#[test]
#[ignore = "needs LOSSLAB_ORACLE=<file>; run `make crosscheck` (needs torch)"]
fn cases_from_a_fresh_pytorch_run_match() {
    let path = std::env::var("LOSSLAB_ORACLE").expect("LOSSLAB_ORACLE names an oracle JSON file");
    let (n, failures) = check_document(&std::fs::read_to_string(&path).unwrap());
    assert!(n > 0, "no cases in {path}");
    assert!(failures.is_empty(), "{} mismatches in {n} cases:\n{}", failures.len(), failures.join("\n"));
    println!("{n} cases from {path} match");
}

#[test]
fn the_oracle_covers_every_loss_and_space() {
    let docs: Vec<Value> = [ORACLE, ADDED].iter().map(|d| serde_json::from_str(d).unwrap()).collect();
    let cases: Vec<&Value> = docs.iter().flat_map(|d| d["cases"].as_array().unwrap()).collect();
    for id in losslab::LossId::ALL {
        let spaces: Vec<Option<&str>> =
            if id.spaces().is_empty() { vec![None] } else { id.spaces().iter().map(|s| Some(s.as_str())).collect() };
        for space in spaces {
            let n = cases.iter().filter(|c| c["loss"] == id.as_str() && c["space"].as_str() == space).count();
            assert!(n > 0, "no oracle case for {} in {space:?}", id.as_str());
        }
    }
}
