// Types of `losslab/element`: the <loss-lab> class without registering it. Written by hand (the
// unions of ids in catalogue.d.ts are generated) and checked with `tsc --strict` (e2e/package.test.mjs). `losslab` (loss-lab.d.ts) re-exports them.

// LossId (every loss, by its public id: ids never change, new ones are added), Space (binary
// predictions as probabilities 0 to 1 or raw activations through a sigmoid), Family and ModelId
// (models whose weights make the predictions): generated from the engine (tools/catalogue.mjs).
import type { Family, LossId, ModelId, Space } from './catalogue.js';

export type { Family, LossId, ModelId, Space };
/** What the `views` attribute names (or `all`). */
export type ViewName = 'chart' | 'gradient' | 'curve' | 'sigmoid' | 'compare' | 'code' | 'controls' | 'export';
export type Theme = 'light' | 'dark' | 'auto';
export type Panel = 'curve' | 'sigmoid' | 'compare' | 'code';

/** The binary and regression lab's state (no `model`). */
export interface ScalarLabState {
  model?: undefined;
  loss: LossId;
  /** Binary losses only. */
  space?: Space;
  targets: number[];
  predictions: number[];
  params: Record<string, number>;
  compare: LossId[];
  lr: number;
  grad: boolean;
  backward: 'mean' | 'sum';
  open: Panel[];
}

/** The state of many classes (`cross_entropy`: a target class per sample) or many labels (`multilabel_bce`: rows of 0/1). */
export interface MatrixLabState {
  model?: undefined;
  loss: 'cross_entropy' | 'multilabel_bce';
  /** N rows of K activations. */
  predictions: number[][];
  targets: number[] | number[][];
  params: Record<string, number>;
  threshold: number;
  lr: number;
  grad: boolean;
  backward: 'mean' | 'sum';
  open: ('compare' | 'code')[];
}

/** A model's state: its weights, and its data (targets, points, or sentences with their labels as targets). */
export interface ModelLabState {
  model: ModelId;
  loss: LossId;
  params: Record<string, number>;
  /** c; w and b; or a weight per word (in order of first appearance), then b. */
  weights: number[];
  lr: number;
  open: 'code'[];
  targets?: number[];
  points?: [number, number][];
  sentences?: string[];
}

export type LossLabState = ScalarLabState | MatrixLabState | ModelLabState;

/** The state as text fields, as the attributes and the page's address hold them. */
export type LossLabFields = Partial<
  Record<
    | 'model'
    | 'loss'
    | 'space'
    | 'targets'
    | 'predictions'
    | 'params'
    | 'compare'
    | 'points'
    | 'sentences'
    | 'weights'
    | 'lr'
    | 'grad'
    | 'backward'
    | 'open'
    | 'threshold',
    string
  >
>;

/** The `change` event: fired (bubbling, composed) after a reader's edit, never for a change made by code. */
export type LossLabChangeEvent = CustomEvent<LossLabState>;

export interface LossLabEventMap extends HTMLElementEventMap {
  change: LossLabChangeEvent;
}

/** <loss-lab>: the whole lab as one element. Its attributes are the source of truth. */
export declare class LossLabElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Registers the class (or the subclass it is called on) under `tag`; returns it. */
  static define(tag?: string, registry?: CustomElementRegistry): typeof LossLabElement;

  /** Resolves to true once the lab shows its numbers, false if its engine (WebAssembly) could not load. */
  readonly ready: Promise<boolean>;
  /** The current state, or null before the lab has started. */
  readonly state: LossLabState | null;
  /** The state as text fields; setting it sets every field (missing ones take their defaults). */
  get fields(): LossLabFields;
  set fields(fields: LossLabFields);

  // Properties mirror the attributes: text, as the attributes hold it (null when absent).
  get loss(): LossId | null;
  set loss(value: LossId | null);
  get space(): Space | null;
  set space(value: Space | null);
  get model(): ModelId | null;
  set model(value: ModelId | null);
  get theme(): Theme | null;
  set theme(value: Theme | null);
  /** Comma-separated numbers; rows separated by `;` for many classes and labels: `'1,0,1'`. */
  targets: string | null;
  predictions: string | null;
  /** `name=value` pairs: `'gamma=2,alpha=0.25'`. */
  params: string | null;
  /** Up to three loss ids, comma-separated. */
  compare: string | null;
  /** The line's points: `'0,1.1;1,1.9'`. */
  points: string | null;
  /** The words model's sentences, separated by `|`. */
  sentences: string | null;
  weights: string | null;
  /** Any of the view names, comma- or space-separated, or `all`. */
  views: string | null;
  compact: boolean;
  readonly: boolean;
  /** Large type for a projector (the `present` attribute): the whole lab magnified. */
  present: boolean;
  // heading-level (2 to 5) is an attribute only: el.setAttribute('heading-level', '3').

  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;

  addEventListener<K extends keyof LossLabEventMap>(
    type: K,
    listener: (this: LossLabElement, event: LossLabEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LossLabEventMap>(
    type: K,
    listener: (this: LossLabElement, event: LossLabEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What an element without a `views` attribute shows. */
export declare const DEFAULT_VIEWS: ViewName[];
