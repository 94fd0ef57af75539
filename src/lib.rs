//! # losslab
//!
//! Sigmoid, softmax, the common loss functions and their gradients, in f64 and faithful
//! to PyTorch, for an interactive explainer of loss functions that runs in the browser
//! (this crate compiled to WebAssembly) and in plain Rust.
//!
//! The story starts with three samples: targets `[1, 0, 1]`, predictions
//! `[0.9, 0.2, 0.3]`, and the fastai book's first loss,
//! `where(targets == 1, 1 - predictions, predictions).mean()`, here called `distance`:
//!
//! ```
//! use losslab::{evaluate, Loss, Request, Space};
//!
//! let targets = [1.0, 0.0, 1.0];
//! let predictions = [0.9, 0.2, 0.3];
//! let r = evaluate(&Request::vector(Loss::Distance, Some(Space::Prob), &predictions, &targets))?;
//!
//! let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
//! assert!(close(r.per_sample[0], 0.1) && close(r.per_sample[1], 0.2) && close(r.per_sample[2], 0.7));
//! assert!(close(r.mean, 1.0 / 3.0));
//! // Each prediction's gradient says which way to move it: up for target 1, down for 0.
//! assert_eq!(r.grad, vec![-1.0, 1.0, -1.0]);
//! # Ok::<(), losslab::LossError>(())
//! ```
//!
//! Predictions must lie in [0, 1], so raw activations go through [`sigmoid`] first
//! (space [`Space::Logit`]); then come the many flavours of loss: binary cross-entropy,
//! focal, hinge, the zero-one loss (accuracy, whose gradient is zero), regression
//! losses, softmax cross-entropy and multi-label cross-entropy. See [`LossId`] for the
//! catalogue and [`Request::validate`] for what counts as valid input.
//!
//! Every convention at a kink or a clamp follows PyTorch in float64 and is tested against
//! golden vectors that PyTorch computed (`tests/oracle.rs`).
//!
//! The module `wasm` (compiled for `wasm32` only) is the thin JavaScript adapter; nothing
//! else here knows about JavaScript.

#![warn(missing_docs)]

mod activation;
mod binary;
mod catalogue;
mod error;
mod evaluate;
mod fastmath;
mod model;
mod multiclass;
mod multilabel;
mod number;
mod regression;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use activation::{
    log_softmax, log_softmax_into, logit, sigmoid, sigmoid_grad, sigmoid_pair, softmax, softmax_into, softplus,
};
pub use catalogue::{Family, Loss, LossId, Param, Space};
pub use error::{At, Field, LossError};
pub use evaluate::{evaluate, evaluate_into, flatten_rows, step, Evaluation, Outputs, Request, Totals};
pub use model::{evaluate_model, step_model, ModelEvaluation, ModelKind, ModelRequest};
