//! The JavaScript adapter: the only file that knows about wasm-bindgen.
//!
//! It turns JavaScript values into a [`Request`], calls the engine and turns the
//! [`Evaluation`](crate::Evaluation) back into a plain object of `Float64Array`s. Every
//! failure becomes a thrown JavaScript `Error` carrying the engine's message; nothing
//! here panics on any input, so the module stays usable after an error.

use js_sys::{Array, ArrayBuffer, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::{flatten_rows, Field, Loss, LossError, LossId, Request, Space};

fn err(e: LossError) -> JsError {
    JsError::new(&e.to_string())
}

/// Numbers from JavaScript: one per sample, or rows of them.
enum Numbers {
    Flat(Vec<f64>),
    Rows(Vec<Vec<f64>>),
}

fn describe(v: &JsValue) -> String {
    match v.as_string() {
        Some(s) => format!("\"{s}\""),
        None if v.is_null() => "null".into(),
        None => v.js_typeof().as_string().unwrap_or_else(|| "a value".into()),
    }
}

fn number(v: &JsValue, what: &str, index: usize) -> Result<f64, JsError> {
    v.as_f64().ok_or_else(|| JsError::new(&format!("{what} {} is {}, not a number", index + 1, describe(v))))
}

fn flat_numbers(v: &JsValue, what: &str) -> Result<Option<Vec<f64>>, JsError> {
    if ArrayBuffer::is_view(v) && !v.is_instance_of::<js_sys::DataView>() {
        // Any typed array: one conversion and copy, no per-element calls.
        return Ok(Some(match v.dyn_ref::<Float64Array>() {
            Some(f) => f.to_vec(),
            None => Float64Array::new(v).to_vec(),
        }));
    }
    let Some(arr) = v.dyn_ref::<Array>() else { return Ok(None) };
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        out.push(number(&item, what, i)?);
    }
    Ok(Some(out))
}

fn numbers(v: &JsValue, what: &str) -> Result<Numbers, JsError> {
    let shape_error =
        || JsError::new(&format!("{what}s must be an array of numbers, a Float64Array or an array of rows"));
    if let Some(arr) = v.dyn_ref::<Array>() {
        let first = arr.get(0);
        if Array::is_array(&first) || ArrayBuffer::is_view(&first) {
            let mut rows = Vec::with_capacity(arr.length() as usize);
            for (i, row) in arr.iter().enumerate() {
                let row = flat_numbers(&row, what)?.ok_or_else(|| {
                    JsError::new(&format!("{what} row {} is {}, not a row of numbers", i + 1, describe(&row)))
                })?;
                rows.push(row);
            }
            return Ok(Numbers::Rows(rows));
        }
    }
    flat_numbers(v, what)?.map(Numbers::Flat).ok_or_else(shape_error)
}

fn field(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// A request parsed from JavaScript, owning its numbers.
struct Parsed {
    loss: Loss,
    space: Option<Space>,
    inputs: Vec<f64>,
    cols: usize,
    targets: Vec<f64>,
}

impl Parsed {
    fn request(&self) -> Request<'_> {
        Request { loss: self.loss, space: self.space, inputs: &self.inputs, cols: self.cols, targets: &self.targets }
    }
}

fn parse(request: &JsValue) -> Result<Parsed, JsError> {
    if !request.is_object() {
        return Err(JsError::new("the request must be an object { loss, space, params, inputs, targets }"));
    }
    let loss_id = field(request, "loss")
        .as_string()
        .ok_or_else(|| JsError::new("request.loss must be a loss id such as \"bce\""))?;
    let id = LossId::parse(&loss_id).map_err(err)?;

    let space = field(request, "space");
    let space = if absent(&space) {
        None
    } else {
        let s = space.as_string().ok_or_else(|| JsError::new("request.space must be \"logit\" or \"prob\""))?;
        Some(Space::parse(&s).map_err(err)?)
    };

    let params_value = field(request, "params");
    let mut names = Vec::new();
    let mut values = Vec::new();
    if !absent(&params_value) {
        if !params_value.is_object() {
            return Err(JsError::new("request.params must be an object such as { gamma: 2 }"));
        }
        for key in Object::keys(params_value.unchecked_ref::<Object>()).iter() {
            let name = key.as_string().unwrap_or_default();
            let v = field(&params_value, &name);
            let value = v
                .as_f64()
                .ok_or_else(|| JsError::new(&format!("parameter {name} is {}, not a number", describe(&v))))?;
            names.push(name);
            values.push(value);
        }
    }
    let params: Vec<(&str, f64)> = names.iter().map(String::as_str).zip(values).collect();
    let loss = Loss::new(id, &params).map_err(err)?;

    let input_word = Field::of_inputs(id, space).as_str();
    let (inputs, cols) = match numbers(&field(request, "inputs"), input_word)? {
        Numbers::Flat(v) => (v, 1),
        Numbers::Rows(rows) => flatten_rows(&rows, Field::Activation).map_err(err)?,
    };
    let targets = match numbers(&field(request, "targets"), "target")? {
        Numbers::Flat(v) => v,
        Numbers::Rows(rows) => flatten_rows(&rows, Field::Target).map_err(err)?.0,
    };
    Ok(Parsed { loss, space, inputs, cols, targets })
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Defining a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `evaluate({ loss, space, params, inputs, targets })` →
/// `{ perSample, mean, sum, grad, probs, perElement, rows, cols }`.
///
/// `inputs` and `targets` are arrays, typed arrays or (for cross_entropy and
/// multilabel_bce) arrays of rows. The arrays in the result are `Float64Array`s; `grad`
/// and `probs` are flat, row-major. `probs` is `undefined` where the loss has none,
/// `perElement` is set for multilabel_bce only.
///
/// # Errors
/// Throws an `Error` with the engine's message for any invalid request.
#[wasm_bindgen]
pub fn evaluate(request: &JsValue) -> Result<JsValue, JsError> {
    let parsed = parse(request)?;
    let r = crate::evaluate(&parsed.request()).map_err(err)?;
    let out = Object::new();
    set(&out, "perSample", &Float64Array::from(&r.per_sample[..]));
    set(&out, "mean", &r.mean.into());
    set(&out, "sum", &r.sum.into());
    set(&out, "grad", &Float64Array::from(&r.grad[..]));
    if let Some(p) = &r.probs {
        set(&out, "probs", &Float64Array::from(&p[..]));
    }
    if let Some(e) = &r.per_element {
        set(&out, "perElement", &Float64Array::from(&e[..]));
    }
    set(&out, "rows", &(r.rows as f64).into());
    set(&out, "cols", &(r.cols as f64).into());
    Ok(out.into())
}

/// `step(request, learningRate)` → the inputs after one step of gradient descent on the
/// mean loss, as a flat `Float64Array` (clamped to [0, 1] in space `prob`).
///
/// # Errors
/// Throws an `Error` for an invalid request or learning rate.
#[wasm_bindgen]
pub fn step(
    request: &JsValue,
    #[wasm_bindgen(js_name = learningRate)] learning_rate: f64,
) -> Result<Float64Array, JsError> {
    let parsed = parse(request)?;
    let next = crate::step(&parsed.request(), learning_rate).map_err(err)?;
    Ok(Float64Array::from(&next[..]))
}

/// `sigmoid(x)`: `1 / (1 + e^(-x))`, stable for every x.
#[wasm_bindgen]
pub fn sigmoid(x: f64) -> f64 {
    crate::sigmoid(x)
}

/// `catalogue()` → `[{ id, family, spaces, params }]`: every loss, the spaces a binary
/// loss accepts (empty otherwise) and its parameters with their defaults.
#[wasm_bindgen]
pub fn catalogue() -> Array {
    LossId::ALL
        .iter()
        .map(|&id| {
            let entry = Object::new();
            set(&entry, "id", &id.as_str().into());
            set(&entry, "family", &id.family().as_str().into());
            let spaces: Array = id.spaces().iter().map(|s| JsValue::from_str(s.as_str())).collect();
            set(&entry, "spaces", &spaces);
            let params = Object::new();
            for &(name, default) in id.param_defaults() {
                set(&params, name, &default.into());
            }
            set(&entry, "params", &params);
            JsValue::from(entry)
        })
        .collect()
}
