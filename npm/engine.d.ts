// Types of `losslab/engine`: the loss engine's JavaScript API (WebAssembly), with `Batch` and the
// models. Written by hand over wasm-bindgen's output (which types every request as `any`) and
// checked with `tsc --strict` (e2e/package.test.mjs).

import type { Family, LossId, ModelId, Space } from './catalogue.js';

export type { Family, LossId, ModelId, Space };

/** Numbers in: an Array or any typed array; rows (an array of them) for cross_entropy and multilabel_bce. */
export type Numbers = ArrayLike<number>;

export interface Request {
  loss: LossId;
  /** Binary losses only: 'prob' (p given) or 'logit' (p = sigmoid(x)). */
  space?: Space;
  /** PyTorch's defaults when left out, e.g. `{ gamma: 2, alpha: 0.25 }`. */
  params?: Record<string, number>;
  inputs: Numbers | Numbers[];
  targets: Numbers | Numbers[];
  /**
   * Your own arrays to write the results into (each as long as the result it names); the result
   * then holds them. Reused, they make a call allocate nothing. A wrong type or length throws.
   */
  out?: { perSample?: Float64Array; grad?: Float64Array; probs?: Float64Array; perElement?: Float64Array };
}

export interface Result {
  /** The loss of each sample (reduction 'none'). */
  perSample: Float64Array;
  mean: number;
  sum: number;
  /** d(sum of losses)/d(input), flat and row-major. */
  grad: Float64Array;
  /** sigmoid(x) in space 'logit', softmax rows (cross_entropy), per-label sigmoid (multilabel_bce). */
  probs?: Float64Array;
  /** multilabel_bce only: the N × K elementwise losses. */
  perElement?: Float64Array;
  rows: number;
  cols: number;
}

export interface ModelRequest {
  model: ModelId;
  /** A regression loss for constant and line, a binary one for words (scored as activations). */
  loss: LossId;
  params?: Record<string, number>;
  /** constant: [c]; line: [w, b]; words: a weight per word, then the bias. */
  weights: Numbers;
  /** line: x of each point; words: rows of word counts (flat or rows); constant: none. */
  features?: Numbers | Numbers[];
  targets: Numbers;
}

export interface ModelResult {
  predictions: Float64Array;
  perSample: Float64Array;
  mean: number;
  sum: number;
  /** Each sample's own slope, d loss_i / d prediction_i. */
  sampleGrad: Float64Array;
  /** The gradient of the mean loss with respect to each weight. */
  grad: Float64Array;
  /** words only: sigmoid(z). */
  probs?: Float64Array;
}

/** The numbers a parameter takes: finite ones from `min` (above it if `minOpen`) to `max` (null: no bound), and `off`. */
export interface ParamDomain {
  min: number;
  minOpen: boolean;
  max: number | null;
  /** The value that turns the parameter off (focal's alpha: -1), or null. */
  off: number | null;
}

export interface CatalogueEntry {
  id: LossId;
  family: Family;
  spaces: Space[];
  /** Each parameter's default, by name. */
  params: Record<string, number>;
  /** Each parameter's domain, by name. */
  domains: Record<string, ParamDomain>;
}

export interface ModelEntry {
  id: ModelId;
  family: Family;
}

/** Evaluates a request; throws an Error naming the sample and the value on bad input. */
export function evaluate(request: Request): Result;
/** One step of gradient descent on the mean loss: the new inputs. */
export function step(request: Request, learningRate: number): Float64Array;
export function evaluateModel(request: ModelRequest): ModelResult;
/** One torch.optim.SGD step on the mean loss: the new weights. */
export function stepModel(request: ModelRequest, learningRate: number): Float64Array;
export function sigmoid(x: number): number;
export function logit(p: number): number;
export function catalogue(): CatalogueEntry[];
/** The models stepModel trains, and the family of losses each takes. */
export function models(): ModelEntry[];

/** The numbers kept in wasm memory and evaluated in place, for large N. */
export class Batch {
  constructor(request: Omit<Request, 'inputs' | 'targets'>, rows: number, cols: number);
  inputs(): Float64Array;
  targets(): Float64Array;
  /** Evaluates in place; returns the mean. */
  evaluate(): number;
  perSample(): Float64Array;
  grad(): Float64Array;
  probs(): Float64Array | undefined;
  readonly sum: number;
  free(): void;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the engine. With no argument it fetches `losslab_bg.wasm` from beside the module (a
 * bundler such as Vite copies it; a CDN serves it).
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
