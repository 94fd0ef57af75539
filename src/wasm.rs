//! The JavaScript adapter: the only file that knows about wasm-bindgen.
//!
//! It turns JavaScript values into a [`Request`], calls the engine and turns the
//! [`Evaluation`](crate::Evaluation) back into a plain object of `Float64Array`s. Every
//! failure becomes a thrown JavaScript `Error` carrying the engine's message; nothing
//! here panics on any input, so the module stays usable after an error.
//!
//! Crossing the boundary is the expensive part of a call, so the adapter keeps crossings
//! and copies few: request fields are read with structural getters (no key strings are
//! built), a whole array of numbers is checked and converted by one small JavaScript
//! helper, `evaluate` makes one allocation for its numbers (inputs, targets and every
//! result), and the result object is built by one call that copies all the results out
//! of wasm memory at once, or straight into the caller's own arrays (`request.out`).

use js_sys::{Array, Float64Array, Object};
use wasm_bindgen::prelude::*;

use crate::{evaluate_into, flatten_rows, Field, Loss, LossError, LossId, Outputs, Request, Space};

#[wasm_bindgen(inline_js = r#"
// A Float64Array of v's numbers, or null if v is not an array of numbers or a typed array.
// A view on wasm memory itself (a Batch's) is copied: the copy into the engine may grow
// that memory, which would empty the view mid-copy.
export function numbersOf(v, memory) {
  if (v instanceof Float64Array) return v.buffer === memory.buffer ? v.slice() : v;
  if (ArrayBuffer.isView(v)) {
    const big = v instanceof BigInt64Array || v instanceof BigUint64Array;
    return v instanceof DataView || big ? null : Float64Array.from(v);
  }
  if (!Array.isArray(v)) return null;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return null;
  return Float64Array.from(v);
}
// Copies the Float64Array src into wasm memory at byte offset `ptr`.
export function copyInto(src, memory, ptr) {
  new Float64Array(memory.buffer, ptr, src.length).set(src);
}
// The result object: perSample (rows numbers), grad (len), then probs and perElement (len
// each) where the loss has them, at byte offset `ptr` of wasm memory, copied out by one
// slice() (much faster than filling new Float64Arrays) and shared as views.
export function result(memory, ptr, rows, len, hasProbs, hasPerElement, mean, sum, cols) {
  const all = new Float64Array(memory.buffer, ptr, rows + len * (1 + hasProbs + hasPerElement)).slice();
  const r = { perSample: all.subarray(0, rows), mean, sum, grad: all.subarray(rows, rows + len), rows, cols };
  if (hasProbs) r.probs = all.subarray(rows + len, rows + 2 * len);
  if (hasPerElement) r.perElement = all.subarray(all.length - len);
  return r;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = numbersOf)]
    fn numbers_of_in(v: &JsValue, memory: &JsValue) -> Option<Float64Array>;

    #[wasm_bindgen(js_name = copyInto)]
    fn copy_into(src: &Float64Array, memory: &JsValue, ptr: u32);

    #[allow(clippy::too_many_arguments)]
    fn result(
        memory: &JsValue,
        ptr: u32,
        rows: u32,
        len: u32,
        has_probs: bool,
        has_per_element: bool,
        mean: f64,
        sum: f64,
        cols: u32,
    ) -> JsValue;

    /// `{ loss, space, params, inputs, targets }`, read field by field.
    type RequestObject;
    #[wasm_bindgen(method, getter, structural)]
    fn loss(this: &RequestObject) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn space(this: &RequestObject) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn params(this: &RequestObject) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn inputs(this: &RequestObject) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn targets(this: &RequestObject) -> JsValue;
    #[cfg(feature = "batch")]
    #[wasm_bindgen(method, getter, structural)]
    fn out(this: &RequestObject) -> JsValue;

    /// `{ model, loss, params, weights, features, targets }`: a model's request, read field by field.
    #[cfg(feature = "models")]
    type ModelObject;
    #[cfg(feature = "models")]
    #[wasm_bindgen(method, getter, structural)]
    fn model(this: &ModelObject) -> JsValue;
    #[cfg(feature = "models")]
    #[wasm_bindgen(method, getter, structural)]
    fn weights(this: &ModelObject) -> JsValue;
    #[cfg(feature = "models")]
    #[wasm_bindgen(method, getter, structural)]
    fn features(this: &ModelObject) -> JsValue;
}

/// The JavaScript half of the tools for large N (the `batch` feature), which the element's
/// engine does without.
#[cfg(feature = "batch")]
#[wasm_bindgen(inline_js = r#"
// A Float64Array over `len` numbers of wasm memory at byte offset `ptr`: no copy (for Batch).
export function view(memory, ptr, len) {
  return new Float64Array(memory.buffer, ptr, len);
}
// As result(), for evaluate({ out }): each result goes into the caller's Float64Array of its
// name in `out` if there is one, else into a copy of its own. A string instead is the message
// of an `out` that does not fit (then nothing is written).
export function resultInto(memory, ptr, rows, len, hasProbs, hasPerElement, mean, sum, cols, out) {
  if (typeof out !== 'object') return 'request.out must be an object of Float64Arrays';
  const names = ['perSample', 'grad', 'probs', 'perElement'];
  const sizes = [rows, len, hasProbs ? len : 0, hasPerElement ? len : 0];
  const given = names.map((name, i) => (sizes[i] ? out[name] : undefined));
  const unfit = given.findIndex((a, i) => a !== undefined && !(a instanceof Float64Array && a.length === sizes[i]));
  if (unfit >= 0) return `out.${names[unfit]} must be a Float64Array of ${sizes[unfit]} numbers`;
  const all = new Float64Array(memory.buffer, ptr, rows + len + sizes[2] + sizes[3]);
  const r = { perSample: null, mean, sum, grad: null, rows, cols };
  for (let i = 0, at = 0; i < 4; at += sizes[i++]) {
    const part = all.subarray(at, at + sizes[i]);
    if (given[i]) given[i].set(part);
    if (sizes[i]) r[names[i]] = given[i] ?? part.slice();
  }
  return r;
}
"#)]
extern "C" {
    fn view(memory: &JsValue, ptr: u32, len: u32) -> Float64Array;

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = resultInto)]
    fn result_into(
        memory: &JsValue,
        ptr: u32,
        rows: u32,
        len: u32,
        has_probs: bool,
        has_per_element: bool,
        mean: f64,
        sum: f64,
        cols: u32,
        out: &JsValue,
    ) -> JsValue;
}

/// Copies a JavaScript `Float64Array` into `dest`, which is exactly as long, in one copy
/// (js-sys's `copy_to` does the same, plus a length check whose panic needs `Debug` formatting).
fn copy_from(a: &Float64Array, dest: &mut [f64]) {
    // On wasm32 a pointer is a 32-bit byte offset into the module's memory.
    copy_into(a, &wasm_bindgen::memory(), dest.as_mut_ptr() as usize as u32);
}

fn numbers_of(v: &JsValue) -> Option<Float64Array> {
    numbers_of_in(v, &wasm_bindgen::memory())
}

fn err(e: LossError) -> JsError {
    JsError::new(&e.to_string())
}

fn describe(v: &JsValue) -> String {
    match v.as_string() {
        Some(s) => format!("\"{s}\""),
        None if v.is_null() => "null".into(),
        None => v.js_typeof().as_string().unwrap_or_else(|| "a value".into()),
    }
}

/// The slow path, taken only when `numbersOf` said no: find the element that is not
/// a number and name it.
fn not_numbers(v: &JsValue, what: &str) -> JsError {
    if let Some(arr) = v.dyn_ref::<Array>() {
        for (i, item) in arr.iter().enumerate() {
            if item.as_f64().is_none() {
                return JsError::new(&format!("{what} {} is {}, not a number", i + 1, describe(&item)));
            }
        }
    }
    JsError::new(&format!("{what}s must be an array of numbers, a Float64Array or an array of rows"))
}

/// Numbers from JavaScript: a typed array, copied into wasm memory only where the engine
/// wants it, or rows, already flattened row-major here.
enum Numbers {
    Flat(Float64Array),
    Rows { flat: Vec<f64>, cols: usize },
}

impl Numbers {
    /// Reads an array, a typed array or (for matrices) an array of rows of numbers.
    fn read(v: &JsValue, what: &str, field: Field) -> Result<Numbers, JsError> {
        if let Some(flat) = numbers_of(v) {
            return Ok(Numbers::Flat(flat));
        }
        if let Some(arr) = v.dyn_ref::<Array>() {
            let first = arr.get(0);
            if Array::is_array(&first) || numbers_of(&first).is_some() {
                let mut rows = Vec::with_capacity(arr.length() as usize);
                for (i, row) in arr.iter().enumerate() {
                    match numbers_of(&row) {
                        Some(r) => rows.push(Numbers::Flat(r).into_vec()),
                        None if Array::is_array(&row) => {
                            return Err(not_numbers(&row, &format!("{what} row {}:", i + 1)))
                        }
                        None => {
                            return Err(JsError::new(&format!(
                                "{what} row {} is {}, not a row of numbers",
                                i + 1,
                                describe(&row)
                            )))
                        }
                    }
                }
                let (flat, cols) = flatten_rows(&rows, field).map_err(err)?;
                return Ok(Numbers::Rows { flat, cols });
            }
        }
        Err(not_numbers(v, what))
    }

    fn len(&self) -> usize {
        match self {
            Numbers::Flat(a) => a.length() as usize,
            Numbers::Rows { flat, .. } => flat.len(),
        }
    }

    /// Numbers per row: 1 for a flat list, K for rows of K.
    fn cols(&self) -> usize {
        match self {
            Numbers::Flat(_) => 1,
            Numbers::Rows { cols, .. } => *cols,
        }
    }

    /// Writes the numbers into `dest`, which is [`len`](Numbers::len) long.
    fn copy_to(&self, dest: &mut [f64]) {
        match self {
            Numbers::Flat(a) => copy_from(a, dest),
            Numbers::Rows { flat, .. } => dest.copy_from_slice(flat),
        }
    }

    fn into_vec(self) -> Vec<f64> {
        match self {
            Numbers::Flat(a) => {
                let mut v = vec![0.0; a.length() as usize];
                copy_from(&a, &mut v);
                v
            }
            Numbers::Rows { flat, .. } => flat,
        }
    }
}

/// Numbers from JavaScript in a Vec, flattened row-major, with the number of columns
/// (1 for a flat list; K for an array of K-long rows).
fn numbers(v: &JsValue, what: &str, field: Field) -> Result<(Vec<f64>, usize), JsError> {
    let numbers = Numbers::read(v, what, field)?;
    let cols = numbers.cols();
    Ok((numbers.into_vec(), cols))
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

/// The loss, its parameters and the space of a request object.
fn parse_loss(request: &JsValue) -> Result<(LossId, Loss, Option<Space>), JsError> {
    if !request.is_object() {
        return Err(JsError::new("the request must be an object { loss, space, params, inputs, targets }"));
    }
    let request: &RequestObject = request.unchecked_ref();
    let loss_id =
        request.loss().as_string().ok_or_else(|| JsError::new("request.loss must be a loss id such as \"bce\""))?;
    let id = LossId::parse(&loss_id).map_err(err)?;

    let space = request.space();
    let space = if absent(&space) {
        None
    } else {
        let s = space.as_string().ok_or_else(|| JsError::new("request.space must be \"logit\" or \"prob\""))?;
        Some(Space::parse(&s).map_err(err)?)
    };

    let params_value = request.params();
    let mut named = Vec::new();
    if !absent(&params_value) {
        let Some(params) = params_value.dyn_ref::<Object>() else {
            return Err(JsError::new("request.params must be an object such as { gamma: 2 }"));
        };
        for entry in Object::entries(params).iter() {
            let entry: Array = entry.unchecked_into();
            let name = entry.get(0).as_string().unwrap_or_default();
            let v = entry.get(1);
            let value = v
                .as_f64()
                .ok_or_else(|| JsError::new(&format!("parameter {name} is {}, not a number", describe(&v))))?;
            named.push((name, value));
        }
    }
    let params: Vec<(&str, f64)> = named.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    Ok((id, Loss::new(id, &params).map_err(err)?, space))
}

fn parse(request: &JsValue) -> Result<Parsed, JsError> {
    let (id, loss, space) = parse_loss(request)?;
    let request: &RequestObject = request.unchecked_ref();
    let (inputs, cols) = numbers(&request.inputs(), Field::of_inputs(id, space).as_str(), Field::Activation)?;
    let (targets, _) = numbers(&request.targets(), "target", Field::Target)?;
    Ok(Parsed { loss, space, inputs, cols, targets })
}

/// `evaluate({ loss, space, params, inputs, targets, out })` →
/// `{ perSample, mean, sum, grad, probs, perElement, rows, cols }`.
///
/// `inputs` and `targets` are arrays, typed arrays or (for cross_entropy and
/// multilabel_bce) arrays of rows. The arrays in the result are `Float64Array`s; `grad`
/// and `probs` are flat, row-major. `probs` is present only where the loss has
/// probabilities, `perElement` for multilabel_bce only. Without `out`, the result's arrays
/// are views on one new buffer. The optional `out` (with the `batch` feature: the JavaScript
/// API's module, not the element's engine) names the caller's own `Float64Array`s
/// (`{ perSample, grad, probs, perElement }`, any of them) to write those results into, and
/// the result object then holds those very arrays.
///
/// # Errors
/// Throws an `Error` with the engine's message for any invalid request, and for an array
/// in `out` that is not a `Float64Array` of the result's length (nothing is written then).
#[wasm_bindgen]
pub fn evaluate(request: &JsValue) -> Result<JsValue, JsError> {
    let (id, loss, space) = parse_loss(request)?;
    let fields: &RequestObject = request.unchecked_ref();
    let inputs = Numbers::read(&fields.inputs(), Field::of_inputs(id, space).as_str(), Field::Activation)?;
    let targets = Numbers::read(&fields.targets(), "target", Field::Target)?;
    let (len, cols) = (inputs.len(), inputs.cols());
    let rows = len.checked_div(cols).unwrap_or(0);
    let has_probs = Request { loss, space, inputs: &[], cols, targets: &[] }.has_probs();
    let has_per_element = id == LossId::MultilabelBce;
    let probs_len = if has_probs { len } else { 0 };
    let per_element_len = if has_per_element { len } else { 0 };

    // One allocation: the inputs, the targets, then the results in the order `result` reads them.
    let mut numbers = vec![0.0; len + targets.len() + rows + len + probs_len + per_element_len];
    let (x, rest) = numbers.split_at_mut(len);
    let (t, results) = rest.split_at_mut(targets.len());
    inputs.copy_to(x);
    targets.copy_to(t);
    // On wasm32 a pointer is a 32-bit byte offset into the module's memory.
    let results_at = results.as_ptr() as usize as u32;
    let (per_sample, rest) = results.split_at_mut(rows);
    let (grad, rest) = rest.split_at_mut(len);
    let (probs, per_element) = rest.split_at_mut(probs_len);
    let out = Outputs { per_sample, grad, probs: Some(probs), per_element: Some(per_element) };
    let totals = evaluate_into(&Request { loss, space, inputs: x, cols, targets: t }, out).map_err(err)?;
    let memory = wasm_bindgen::memory();
    let (rows, len, cols) = (rows as u32, len as u32, cols as u32);
    #[cfg(feature = "batch")]
    {
        let out = fields.out();
        if !absent(&out) {
            let r = result_into(
                &memory,
                results_at,
                rows,
                len,
                has_probs,
                has_per_element,
                totals.mean,
                totals.sum,
                cols,
                &out,
            );
            return match r.as_string() {
                Some(message) => Err(JsError::new(&message)),
                None => Ok(r),
            };
        }
    }
    Ok(result(&memory, results_at, rows, len, has_probs, has_per_element, totals.mean, totals.sum, cols))
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

/// A model's request parsed from JavaScript, owning its numbers.
#[cfg(feature = "models")]
struct ParsedModel {
    kind: crate::ModelKind,
    loss: Loss,
    weights: Vec<f64>,
    features: Vec<f64>,
    targets: Vec<f64>,
}

#[cfg(feature = "models")]
impl ParsedModel {
    fn request(&self) -> crate::ModelRequest<'_> {
        crate::ModelRequest {
            kind: self.kind,
            loss: self.loss,
            weights: &self.weights,
            features: &self.features,
            targets: &self.targets,
        }
    }
}

#[cfg(feature = "models")]
fn parse_model(request: &JsValue) -> Result<ParsedModel, JsError> {
    let (_, loss, space) = parse_loss(request)?;
    if space.is_some() {
        return Err(JsError::new(
            "a model's request takes no space: words are scored as activations, the others as they are",
        ));
    }
    let object: &ModelObject = request.unchecked_ref();
    let id = object
        .model()
        .as_string()
        .ok_or_else(|| JsError::new("request.model must be \"constant\", \"line\" or \"words\""))?;
    let kind = crate::ModelKind::parse(&id).map_err(err)?;
    let (weights, _) = numbers(&object.weights(), "weight", Field::Activation)?;
    let features = object.features();
    let (features, cols) =
        if absent(&features) { (Vec::new(), 0) } else { numbers(&features, "feature", Field::Activation)? };
    // Rows of word counts must be as wide as the vocabulary (one weight per word, then the bias).
    let words = weights.len().saturating_sub(1);
    if cols > 1 && kind == crate::ModelKind::Words && cols != words {
        return Err(JsError::new(&format!(
            "each sentence has {cols} word counts, but the model has {words} word weights: give one count per word"
        )));
    }
    let fields: &RequestObject = request.unchecked_ref();
    let (targets, _) = numbers(&fields.targets(), "target", Field::Target)?;
    Ok(ParsedModel { kind, loss, weights, features, targets })
}

/// `evaluateModel({ model, loss, params, weights, features, targets })` → `{ predictions,
/// perSample, mean, sum, sampleGrad, grad, probs }`: a model whose weights every sample
/// shares (`constant`: `[c]`; `line`: `[w, b]` with features x; `words`: a weight per word and a
/// bias, with features the word counts, rows or flat). `grad` is the gradient of the mean loss
/// with respect to each weight; `sampleGrad` each sample's own slope; `probs` (words only) σ(z).
///
/// # Errors
/// Throws an `Error` with the engine's message for any invalid request.
#[cfg(feature = "models")]
#[wasm_bindgen(js_name = evaluateModel)]
pub fn evaluate_model(request: &JsValue) -> Result<JsValue, JsError> {
    let parsed = parse_model(request)?;
    let r = crate::evaluate_model(&parsed.request()).map_err(err)?;
    let out = Object::new();
    let set = |key: &str, value: &JsValue| {
        // Defining a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), value);
    };
    set("predictions", &Float64Array::from(&r.predictions[..]));
    set("perSample", &Float64Array::from(&r.per_sample[..]));
    set("mean", &r.mean.into());
    set("sum", &r.sum.into());
    set("sampleGrad", &Float64Array::from(&r.sample_grad[..]));
    set("grad", &Float64Array::from(&r.grad[..]));
    if let Some(probs) = &r.probs {
        set("probs", &Float64Array::from(&probs[..]));
    }
    Ok(out.into())
}

/// `stepModel(request, learningRate)` → the weights after one step of SGD on the mean loss.
///
/// # Errors
/// Throws an `Error` for an invalid request or learning rate, or a step that diverges.
#[cfg(feature = "models")]
#[wasm_bindgen(js_name = stepModel)]
pub fn step_model(
    request: &JsValue,
    #[wasm_bindgen(js_name = learningRate)] learning_rate: f64,
) -> Result<Float64Array, JsError> {
    let parsed = parse_model(request)?;
    let next = crate::step_model(&parsed.request(), learning_rate).map_err(err)?;
    Ok(Float64Array::from(&next[..]))
}

/// `sigmoid(x)`: `1 / (1 + e^(-x))`, stable for every x.
#[wasm_bindgen]
pub fn sigmoid(x: f64) -> f64 {
    crate::sigmoid(x)
}

/// `logit(p)`: `ln(p / (1 - p))`, the activation whose sigmoid is p.
#[wasm_bindgen]
pub fn logit(p: f64) -> f64 {
    crate::logit(p)
}

/// Defining a property on a fresh plain object cannot fail.
#[cfg(any(feature = "catalogue", feature = "models"))]
fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `catalogue()` → `[{ id, family, spaces, params, domains }]`: every loss, the spaces a binary
/// loss accepts (empty otherwise), its parameters with their defaults, and the numbers each
/// parameter takes: `{ min, minOpen, max, off }`, `max` null for no bound, `off` null or the
/// value that turns it off. The element reads the same, generated at build time (www/catalogue.js).
#[cfg(feature = "catalogue")]
#[wasm_bindgen]
pub fn catalogue() -> Array {
    let or_null = |v: Option<f64>| v.map_or(JsValue::NULL, JsValue::from);
    LossId::ALL
        .iter()
        .map(|&id| {
            let entry = Object::new();
            set(&entry, "id", &id.as_str().into());
            set(&entry, "family", &id.family().as_str().into());
            let spaces: Array = id.spaces().iter().map(|s| JsValue::from_str(s.as_str())).collect();
            set(&entry, "spaces", &spaces);
            let (params, domains) = (Object::new(), Object::new());
            for p in id.params() {
                set(&params, p.name, &p.default.into());
                let domain = Object::new();
                set(&domain, "min", &p.min.into());
                set(&domain, "minOpen", &p.min_open.into());
                set(&domain, "max", &or_null(p.max.is_finite().then_some(p.max)));
                set(&domain, "off", &or_null(p.off));
                set(&domains, p.name, &domain);
            }
            set(&entry, "params", &params);
            set(&entry, "domains", &domains);
            JsValue::from(entry)
        })
        .collect()
}

/// `models()` → `[{ id, family }]`: the models whose weights `stepModel` trains, in the page's
/// order, and the family of losses each takes.
#[cfg(feature = "models")]
#[wasm_bindgen]
pub fn models() -> Array {
    crate::ModelKind::ALL
        .iter()
        .map(|&m| {
            let entry = Object::new();
            set(&entry, "id", &m.as_str().into());
            set(&entry, "family", &m.family().as_str().into());
            JsValue::from(entry)
        })
        .collect()
}

/// `new Batch({ loss, space, params }, rows, cols)`: a workspace for large N whose numbers
/// live in wasm memory, so nothing is copied across the boundary per evaluation.
///
/// JavaScript writes the inputs and targets into the views `inputs()` and `targets()`
/// (e.g. `batch.inputs().set(x)`), calls `evaluate()` (which returns the mean; `sum` is a
/// property) and reads the views `perSample()`, `grad()` and `probs()` in place. A view
/// is a window on wasm memory: it is emptied (length 0) when that memory grows, which
/// any call that allocates may do (another `evaluate(request)`, another `Batch`), so
/// fetch views again after such calls rather than keeping them. `free()` releases the
/// batch.
#[cfg(feature = "batch")]
#[wasm_bindgen]
pub struct Batch {
    loss: Loss,
    space: Option<Space>,
    cols: usize,
    inputs: Vec<f64>,
    targets: Vec<f64>,
    per_sample: Vec<f64>,
    grad: Vec<f64>,
    probs: Vec<f64>,
    sum: f64,
}

#[cfg(feature = "batch")]
#[wasm_bindgen]
impl Batch {
    /// A batch of `rows` samples with `cols` inputs each (1 for binary and regression
    /// losses), all zero.
    ///
    /// # Errors
    /// Throws for an invalid loss, space or parameter, or no rows or columns.
    #[wasm_bindgen(constructor)]
    pub fn new(request: &JsValue, rows: u32, cols: u32) -> Result<Batch, JsError> {
        let (id, loss, space) = parse_loss(request)?;
        let (n, k) = (rows as usize, cols as usize);
        if n == 0 || k == 0 {
            return Err(err(LossError::NoSamples));
        }
        let len = n.checked_mul(k).filter(|&len| len <= BATCH_MAX_ELEMENTS).ok_or_else(|| {
            JsError::new(&format!("a batch of {n} x {k} numbers is too large: at most {BATCH_MAX_ELEMENTS}"))
        })?;
        let targets = if id == LossId::MultilabelBce { len } else { n };
        let mut batch = Batch {
            loss,
            space,
            cols: k,
            inputs: zeros(len)?,
            targets: zeros(targets)?,
            per_sample: zeros(n)?,
            grad: zeros(len)?,
            probs: Vec::new(),
            sum: 0.0,
        };
        if batch.request().has_probs() {
            batch.probs = zeros(len)?;
        }
        // All zeros is valid data for every loss, so this checks the loss, space and shape.
        batch.request().validate().map_err(err)?;
        Ok(batch)
    }

    fn request(&self) -> Request<'_> {
        Request { loss: self.loss, space: self.space, inputs: &self.inputs, cols: self.cols, targets: &self.targets }
    }

    /// Evaluates the loss on the current inputs and targets, in place; returns the mean.
    ///
    /// # Errors
    /// Throws the engine's message for an invalid input or target (nothing is written).
    pub fn evaluate(&mut self) -> Result<f64, JsError> {
        let req = Request {
            loss: self.loss,
            space: self.space,
            inputs: &self.inputs,
            cols: self.cols,
            targets: &self.targets,
        };
        let probs = if self.probs.is_empty() { None } else { Some(&mut self.probs[..]) };
        let out = Outputs { per_sample: &mut self.per_sample, grad: &mut self.grad, probs, per_element: None };
        let totals = evaluate_into(&req, out).map_err(err)?;
        self.sum = totals.sum;
        Ok(totals.mean)
    }

    /// The sum of the per-sample losses at the last `evaluate()`.
    #[wasm_bindgen(getter)]
    pub fn sum(&self) -> f64 {
        self.sum
    }

    /// A view of the inputs (N x K, row-major), to write into.
    pub fn inputs(&self) -> Float64Array {
        view_of(&self.inputs)
    }

    /// A view of the targets (N, or N x K for multilabel_bce), to write into.
    pub fn targets(&self) -> Float64Array {
        view_of(&self.targets)
    }

    /// A view of the per-sample losses of the last `evaluate()`.
    #[wasm_bindgen(js_name = perSample)]
    pub fn per_sample(&self) -> Float64Array {
        view_of(&self.per_sample)
    }

    /// A view of the gradient of the last `evaluate()`, d(sum)/d(input).
    pub fn grad(&self) -> Float64Array {
        view_of(&self.grad)
    }

    /// A view of the probabilities of the last `evaluate()`, or `undefined` where the loss has none.
    pub fn probs(&self) -> Option<Float64Array> {
        (!self.probs.is_empty()).then(|| view_of(&self.probs))
    }
}

/// 2^25 numbers (256 MiB) per array: five such arrays stay inside wasm32's 4 GiB.
#[cfg(feature = "batch")]
const BATCH_MAX_ELEMENTS: usize = 1 << 25;

/// A zeroed vector, or an `Error` if the memory cannot be had (instead of an abort).
#[cfg(feature = "batch")]
fn zeros(len: usize) -> Result<Vec<f64>, JsError> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| JsError::new(&format!("cannot allocate {len} numbers")))?;
    v.resize(len, 0.0);
    Ok(v)
}

#[cfg(feature = "batch")]
fn view_of(data: &[f64]) -> Float64Array {
    // On wasm32 a pointer is a 32-bit byte offset into the module's memory.
    view(&wasm_bindgen::memory(), data.as_ptr() as usize as u32, data.len() as u32)
}

/// The heap allocator of every WebAssembly build: Talc instead of the standard library's dlmalloc.
/// Its code is about 2.5 KB of gzip smaller, which the element's first load needs (docs/sizes.md);
/// the engine allocates a few vectors a call, so the allocator's speed does not show.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
