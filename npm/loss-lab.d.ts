// Types of `losslab`: importing it registers <loss-lab> (if that tag is free) and gives the class.

export * from './loss-lab-element.js';
import type { LossLabElement } from './loss-lab-element.js';

declare global {
  interface HTMLElementTagNameMap {
    'loss-lab': LossLabElement;
  }
}
