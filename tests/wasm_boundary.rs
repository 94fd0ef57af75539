//! The JavaScript boundary, run in Node by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --test wasm_boundary` (or `make test-wasm`).
//! Expected numbers are PyTorch's (tests/data/oracle.json) or worked by hand.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Reflect, JSON};
use losslab::wasm::{catalogue, evaluate, sigmoid, step};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

fn f64s(v: &JsValue) -> Vec<f64> {
    v.dyn_ref::<Float64Array>().expect("a Float64Array").to_vec()
}

/// The thrown value as JavaScript sees it: must be an `Error`, returns its message.
fn error_message(e: wasm_bindgen::JsError) -> String {
    let v = JsValue::from(e);
    let err = v.dyn_ref::<js_sys::Error>().expect("thrown value is an Error, not a string");
    err.message().into()
}

fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= 1e-12 + 1e-12 * w.abs(), "got {got:?}, want {want:?}");
    }
}

#[wasm_bindgen_test]
fn seed_example_returns_typed_arrays() {
    let r = evaluate(&js(r#"{"loss":"distance","space":"prob","inputs":[0.9,0.2,0.3],"targets":[1,0,1]}"#)).unwrap();
    // oracle pub-distance-prob-seed
    assert_close(&f64s(&get(&r, "perSample")), &[0.09999999999999998, 0.2, 0.7]);
    assert_close(&[get(&r, "mean").as_f64().unwrap()], &[0.3333333333333333]);
    assert_eq!(get(&r, "sum").as_f64(), Some(1.0));
    assert_eq!(f64s(&get(&r, "grad")), vec![-1.0, 1.0, -1.0]);
    assert!(get(&r, "probs").is_undefined(), "no probs in space prob");
    assert_eq!(get(&r, "rows").as_f64(), Some(3.0));
    assert_eq!(get(&r, "cols").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn typed_arrays_in_and_params() {
    let req = js(r#"{"loss":"focal","space":"logit","params":{"gamma":2,"alpha":0.25},"targets":[1,0,1]}"#);
    Reflect::set(&req, &"inputs".into(), &Float64Array::from(&[0.9, 0.2, 0.3][..])).unwrap();
    let r = evaluate(&req).unwrap();
    // oracle pub-focal-logit-seed
    assert_close(&f64s(&get(&r, "perSample")), &[0.00712586776606725, 0.18096846559881893, 0.025098318872149264]);
    assert_close(&f64s(&get(&r, "grad")), &[-0.016169820284298322, 0.2876000000612579, -0.048102109828820544]);
    assert_close(&f64s(&get(&r, "probs")), &[0.7109495026250039, 0.549833997312478, 0.574442516811659]);
}

#[wasm_bindgen_test]
fn matrices_as_arrays_of_rows() {
    // oracle pub-cross_entropy-none-ls01_basic
    let r = evaluate(&js(
        r#"{"loss":"cross_entropy","params":{"label_smoothing":0.1},"inputs":[[2.0,1.0,0.1],[0.5,2.5,-1.0]],"targets":[0,2]}"#,
    ))
    .unwrap();
    assert_close(&f64s(&get(&r, "perSample")), &[0.5136966829445002, 3.4865115404556213]);
    assert_eq!(get(&r, "cols").as_f64(), Some(3.0));
    assert_eq!(f64s(&get(&r, "probs")).len(), 6);
    // oracle pub-multilabel_bce-none-n1
    let r = evaluate(&js(r#"{"loss":"multilabel_bce","inputs":[[0.5,-1.5,2.0]],"targets":[[1,0,0]]}"#)).unwrap();
    assert_close(&f64s(&get(&r, "perElement")), &[0.4740769841801067, 0.20141327798275244, 2.1269280110429727]);
}

#[wasm_bindgen_test]
fn errors_are_errors_with_the_engine_message_and_the_module_survives() {
    let cases = [
        (
            r#"{"loss":"distance","space":"prob","inputs":[0.9,0.2,1.7],"targets":[1,0,1]}"#,
            "prediction 3 is 1.7, outside [0, 1]",
        ),
        (
            r#"{"loss":"distance","space":"prob","inputs":[0.9,"abc"],"targets":[1,0]}"#,
            "prediction 2 is \"abc\", not a number",
        ),
        (r#"{"loss":"bce","space":"logit","inputs":[0.9],"targets":[2]}"#, "target 1 is 2, outside [0, 1]"),
        (r#"{"loss":"nope","inputs":[1],"targets":[1]}"#, "unknown loss 'nope'"),
        (r#"{"loss":"focal","space":"prob","inputs":[0.5],"targets":[1]}"#, "focal works on raw activations"),
        (r#"{"loss":"focal","space":"logit","params":{"gamma":-1},"inputs":[0.5],"targets":[1]}"#, "gamma is -1"),
        (r#"{"loss":"bce","space":"prob","inputs":[0.5,0.5],"targets":[1]}"#, "2 inputs but 1 target"),
        (r#"{"loss":"cross_entropy","inputs":[[1,2],[3]],"targets":[0,1]}"#, "activation row 2 has 1 value"),
        (r#"{"loss":"cross_entropy","inputs":[[1,2],[3,4]],"targets":[0,1.5]}"#, "target 2 is 1.5"),
        (r#"{"loss":"mse","inputs":[],"targets":[]}"#, "there are no samples"),
        (r#"{"loss":"mse","inputs":"1,2","targets":[1,2]}"#, "predictions must be an array"),
    ];
    for (request, want) in cases {
        let message = error_message(evaluate(&js(request)).unwrap_err());
        assert!(message.starts_with(want), "{request}: got {message:?}, want it to start with {want:?}");
    }
    let big = js(r#"{"loss":"mse","targets":[1]}"#);
    Reflect::set(&big, &"inputs".into(), &js_sys::BigInt64Array::new_with_length(1)).unwrap();
    let message = error_message(evaluate(&big).unwrap_err());
    assert!(message.starts_with("predictions must be an array of numbers"), "{message}");
    let message = error_message(evaluate(&JsValue::UNDEFINED).unwrap_err());
    assert!(message.contains("must be an object"), "{message}");
    // Still alive after every error above.
    seed_example_returns_typed_arrays();
}

#[wasm_bindgen_test]
fn results_are_the_callers_to_keep_or_written_into_out() {
    let seed = r#"{"loss":"bce","space":"logit","inputs":[0.9,0.2,0.3],"targets":[1,0,1]}"#;
    let first = evaluate(&js(seed)).unwrap();
    // Another call (which reuses wasm memory) leaves the first result as it was.
    evaluate(&js(r#"{"loss":"bce","space":"logit","inputs":[5,5,5],"targets":[0,0,0]}"#)).unwrap();
    // oracle pub-bce-logit-seed
    assert_close(&f64s(&get(&first, "perSample")), &[0.3411538747320878, 0.7981388693815918, 0.5543552444685271]);
    assert_close(&f64s(&get(&first, "probs")), &[0.7109495026250039, 0.549833997312478, 0.574442516811659]);

    // `out`: the caller's arrays are written and returned; a result it does not name is new.
    let request = js(seed);
    let (grad, probs) = (Float64Array::new_with_length(3), Float64Array::new_with_length(3));
    let out = js_sys::Object::new();
    Reflect::set(&out, &"grad".into(), &grad).unwrap();
    Reflect::set(&out, &"probs".into(), &probs).unwrap();
    Reflect::set(&request, &"out".into(), &out).unwrap();
    let r = evaluate(&request).unwrap();
    assert!(JsValue::from(&grad) == get(&r, "grad") && JsValue::from(&probs) == get(&r, "probs"));
    assert_close(&grad.to_vec(), &[-0.2890504973749961, 0.549833997312478, -0.42555748318834097]);
    assert_close(&probs.to_vec(), &[0.7109495026250039, 0.549833997312478, 0.574442516811659]);
    assert_close(&f64s(&get(&r, "perSample")), &[0.3411538747320878, 0.7981388693815918, 0.5543552444685271]);

    // An unfit `out` is an Error naming it, and nothing is written.
    grad.fill(7.0, 0, 3);
    Reflect::set(&out, &"perSample".into(), &Float64Array::new_with_length(2)).unwrap();
    let message = error_message(evaluate(&request).unwrap_err());
    assert_eq!(message, "out.perSample must be a Float64Array of 3 numbers");
    assert_eq!(grad.to_vec(), vec![7.0; 3]);
    Reflect::set(&request, &"out".into(), &JsValue::from(5)).unwrap();
    let message = error_message(evaluate(&request).unwrap_err());
    assert!(message.starts_with("request.out must be an object"), "{message}");
    // A bad sample is still reported first, by sample and value.
    let bad = js(r#"{"loss":"bce","space":"prob","inputs":[0.5,1.5],"targets":[1,0],"out":{}}"#);
    assert!(error_message(evaluate(&bad).unwrap_err()).starts_with("prediction 2 is 1.5, outside [0, 1]"));
    // Still alive after the errors.
    seed_example_returns_typed_arrays();
}

#[wasm_bindgen_test]
fn step_moves_down_the_gradient() {
    let req = js(r#"{"loss":"distance","space":"prob","inputs":[0.9,0.2,0.3],"targets":[1,0,1]}"#);
    // x - lr * grad / N with grad [-1, 1, -1], lr 0.3, N 3: by hand [1.0, 0.1, 0.4]
    let next = step(&req, 0.3).unwrap().to_vec();
    assert_close(&next, &[1.0, 0.1, 0.4]);
    let message = error_message(step(&req, 0.0).unwrap_err());
    assert!(message.starts_with("learning rate is 0"), "{message}");
}

#[wasm_bindgen_test]
fn sigmoid_and_catalogue() {
    assert_eq!(sigmoid(0.0), 0.5);
    // oracle pub-distance-logit-seed_inverse: logit of the seed's 0.9
    assert_close(&[losslab::wasm::logit(0.9)], &[2.1972245773362196]);
    assert_close(&[sigmoid(1.5)], &[0.8175744761936437]); // oracle, pub-bce-logit-n1 probs
    let cat: Array = catalogue();
    assert_eq!(cat.length() as usize, losslab::LossId::ALL.len());
    let focal = cat.iter().find(|e| get(e, "id").as_string().as_deref() == Some("focal")).unwrap();
    assert_eq!(get(&get(&focal, "params"), "gamma").as_f64(), Some(2.0));
    let spaces: Array = get(&focal, "spaces").unchecked_into();
    assert_eq!(spaces.length(), 1);
    // Each parameter's domain: alpha in [0, 1], or -1 (off); gamma from 0 with no upper bound.
    let alpha = get(&get(&focal, "domains"), "alpha");
    assert_eq!(
        (get(&alpha, "min").as_f64(), get(&alpha, "max").as_f64(), get(&alpha, "off").as_f64()),
        (Some(0.0), Some(1.0), Some(-1.0))
    );
    assert!(get(&get(&get(&focal, "domains"), "gamma"), "max").is_null());
    let models: Array = losslab::wasm::models();
    let words = models.iter().find(|m| get(m, "id").as_string().as_deref() == Some("words")).unwrap();
    assert_eq!(get(&words, "family").as_string().as_deref(), Some("binary"));
}

#[wasm_bindgen_test]
fn batch_evaluates_in_place() {
    use losslab::wasm::Batch;
    let mut batch = Batch::new(&js(r#"{"loss":"bce","space":"logit"}"#), 3, 1).unwrap();
    batch.inputs().copy_from(&[0.9, 0.2, 0.3]);
    batch.targets().copy_from(&[1.0, 0.0, 1.0]);
    let mean = batch.evaluate().unwrap();
    // oracle pub-bce-logit-seed
    assert_close(&[mean], &[0.5645493295274023]);
    assert_close(&[batch.sum()], &[1.6936479885822069]);
    assert_close(&batch.per_sample().to_vec(), &[0.3411538747320878, 0.7981388693815918, 0.5543552444685271]);
    assert_close(&batch.grad().to_vec(), &[-0.2890504973749961, 0.549833997312478, -0.42555748318834097]);
    assert_close(&batch.probs().unwrap().to_vec(), &[0.7109495026250039, 0.549833997312478, 0.574442516811659]);
    // A bad target is reported by sample and nothing breaks.
    batch.targets().copy_from(&[1.0, 2.0, 1.0]);
    let message = error_message(batch.evaluate().unwrap_err());
    assert_eq!(message, "target 2 is 2, outside [0, 1]");
    assert!(Batch::new(&js(r#"{"loss":"hinge","space":"prob"}"#), 3, 1).is_err());
    assert!(Batch::new(&js(r#"{"loss":"mse"}"#), 0, 1).is_err());
    assert!(Batch::new(&js(r#"{"loss":"mse"}"#), 2, 1).unwrap().probs().is_none());
}

#[wasm_bindgen_test]
fn batch_sizes_are_checked_and_views_can_be_passed_back() {
    use losslab::wasm::Batch;
    for (rows, cols) in [(u32::MAX, 2), (1 << 26, 1), (1 << 20, 1 << 10)] {
        let message = error_message(Batch::new(&js(r#"{"loss":"mse"}"#), rows, cols).err().unwrap());
        assert!(message.contains("too large"), "{message}");
    }
    // A Batch's own view given to evaluate(): copied before the engine allocates.
    let batch = Batch::new(&js(r#"{"loss":"mse"}"#), 1 << 16, 1).unwrap();
    let req = js(r#"{"loss":"mse"}"#);
    Reflect::set(&req, &"inputs".into(), &batch.inputs()).unwrap();
    Reflect::set(&req, &"targets".into(), &Float64Array::new_with_length(1 << 16)).unwrap();
    assert_eq!(get(&evaluate(&req).unwrap(), "sum").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn models_cross_the_boundary_with_rows_of_word_counts_and_typed_errors() {
    use losslab::wasm::{evaluate_model, step_model};
    // tests/data/models.json line-mse-outlier (PyTorch): w 0.5, b 0 on x 0..4.
    let line =
        js(r#"{"model":"line","loss":"mse","weights":[0.5,0],"features":[0,1,2,3,4],"targets":[1.1,1.9,3.2,3.9,12]}"#);
    let r = evaluate_model(&line).unwrap();
    assert_close(&f64s(&get(&r, "predictions")), &[0.0, 0.5, 1.0, 1.5, 2.0]);
    assert_close(&f64s(&get(&r, "grad")), &[-21.2, -6.840000000000001]);
    assert!(get(&r, "probs").is_undefined(), "no probabilities for a line");
    // tests/data/models.json words-bce-seed: the seed's sentences as rows of counts; σ(z) is 0.9, 0.2, 0.3.
    let words = js(concat!(
        r#"{"model":"words","loss":"bce","weights":[1,0.5,-1.8472978603872034,1.1972245773362196,-0.03899650073268712,0],"#,
        r#""features":[[1,0,0,1,0],[0,1,1,0,1],[1,0,1,0,0]],"targets":[1,0,1]}"#
    ));
    let r = evaluate_model(&words).unwrap();
    assert_close(&f64s(&get(&r, "probs")), &[0.8999999999999999, 0.2, 0.30000000000000004]);
    assert_close(&[get(&r, "mean").as_f64().unwrap()], &[0.5108256237659907]);
    assert_eq!(f64s(&step_model(&words, 1.0).unwrap().into()).len(), 6);
    let bad = js(r#"{"model":"words","loss":"bce","weights":[1,0],"features":[[1],[0]],"targets":[1,0]}"#);
    assert_eq!(
        error_message(evaluate_model(&bad).unwrap_err()),
        "sentence 2 has no words the model knows: give it at least one"
    );
    let bad = js(r#"{"model":"line","loss":"bce","weights":[1,0],"features":[1],"targets":[1]}"#);
    assert_eq!(
        error_message(evaluate_model(&bad).unwrap_err()),
        "the line model is trained with a regression loss, not bce"
    );
    // The module keeps working after the errors.
    assert!(evaluate_model(&line).is_ok());
}

/// A number, a list or a matrix of the oracle's JSON, flattened row-major.
fn flat(v: &JsValue) -> Vec<f64> {
    match v.dyn_ref::<Array>() {
        Some(items) => items.iter().flat_map(|item| flat(&item)).collect(),
        None => vec![v.as_f64().expect("a number")],
    }
}

/// Mismatches with the oracle, one line each.
#[derive(Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    /// `|got - want| <= abs + rel |want|` for each element, `want` repeated to `got`'s length.
    fn check(&mut self, what: String, got: &[f64], want: &[f64], (abs, rel): (f64, f64)) {
        if !got.len().is_multiple_of(want.len().max(1)) || want.is_empty() != got.is_empty() {
            self.0.push(format!("{what}: length {} for {} wanted", got.len(), want.len()));
            return;
        }
        for (i, (g, w)) in got.iter().zip(want.iter().cycle()).enumerate() {
            let within = (g - w).abs() <= abs + rel * w.abs(); // false for NaN too
            if !within {
                self.0.push(format!("{what}[{i}]: got {g:e}, want {w:e}"));
            }
        }
    }
}

/// Every case of PyTorch's oracle (tests/data/oracle.json) through `evaluate()`, in the
/// module as this test builds it (the default features: SIMD128; optimised, as the test
/// profile in Cargo.toml asks): once as given, and once with its samples repeated past 300
/// numbers, so that the vectorised loops run their two-lane bodies and their remainders
/// and cross the kernels' blocks of 128.
#[wasm_bindgen_test]
fn every_oracle_case_matches_pytorch_through_the_boundary() {
    let doc = js(include_str!("data/oracle.json"));
    let global = get(&doc, "tolerance");
    let cases: Array = get(&doc, "cases").unchecked_into();
    let mut mismatches = Mismatches::default();
    for case in cases.iter() {
        let id = get(&case, "id").as_string().unwrap();
        let tol = get(&case, "tolerance");
        let tol = if tol.is_undefined() { &global } else { &tol };
        let tol = (get(tol, "abs").as_f64().unwrap(), get(tol, "rel").as_f64().unwrap());
        let want = |field: &str| flat(&get(&case, field));
        if get(&case, "loss").as_string().as_deref() == Some("sigmoid") {
            let got: Vec<f64> = want("inputs").iter().map(|&x| sigmoid(x)).collect();
            mismatches.check(format!("{id}: probs"), &got, &want("probs"), tol);
            continue;
        }
        let (inputs, targets): (Array, Array) =
            (get(&case, "inputs").unchecked_into(), get(&case, "targets").unchecked_into());
        let n = inputs.length();
        for times in [1, 300 / (flat(&inputs).len() as u32) + 1] {
            // Rows (or numbers) repeated `times` times, as one array.
            let repeated = |a: &Array| Array::from_iter((0..times * n).map(|i| a.get(i % n)));
            let request = js_sys::Object::new();
            for field in ["loss", "space", "params"] {
                Reflect::set(&request, &field.into(), &get(&case, field)).unwrap();
            }
            Reflect::set(&request, &"inputs".into(), &repeated(&inputs)).unwrap();
            Reflect::set(&request, &"targets".into(), &repeated(&targets)).unwrap();
            let label = format!("{id} x{times}");
            let r = match evaluate(&request) {
                Ok(r) => r,
                Err(e) => {
                    mismatches.0.push(format!("{label}: rejected: {}", error_message(e)));
                    continue;
                }
            };
            let number = |key: &str| get(&r, key).as_f64().unwrap();
            mismatches.check(format!("{label}: per_sample"), &f64s(&get(&r, "perSample")), &want("per_sample"), tol);
            mismatches.check(format!("{label}: grad"), &f64s(&get(&r, "grad")), &want("grad"), tol);
            mismatches.check(format!("{label}: mean"), &[number("mean")], &want("mean"), tol);
            mismatches.check(format!("{label}: sum / {times}"), &[number("sum") / f64::from(times)], &want("sum"), tol);
            for (field, key) in [("probs", "probs"), ("per_element", "perElement")] {
                let (expected, got) = (get(&case, field), get(&r, key));
                match (expected.is_undefined(), got.is_undefined()) {
                    (false, false) => mismatches.check(format!("{label}: {field}"), &f64s(&got), &flat(&expected), tol),
                    (true, true) => {}
                    (missing, absent) => {
                        mismatches.0.push(format!("{label}: {field} present: oracle {}, ours {}", !missing, !absent))
                    }
                }
            }
        }
    }
    assert_eq!(cases.length(), 136, "the public oracle has 136 cases");
    assert!(mismatches.0.is_empty(), "{} mismatches:\n{}", mismatches.0.len(), mismatches.0.join("\n"));
}
