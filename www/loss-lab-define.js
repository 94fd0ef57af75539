// Registers <loss-lab>. A page needs only: <script type="module" src="loss-lab-define.js"></script>
// (in dist/, the one file loss-lab.js does both).

import { DEFAULT_VIEWS, LossLabElement } from './loss-lab.js';

if (!customElements.get('loss-lab')) LossLabElement.define();

export { DEFAULT_VIEWS, LossLabElement };
