// The gradients the page shows, for every lab: the engine gives those of the sum of the losses (each
// sample's own slope); the gradient of the mean is each divided by N, the division PyTorch's
// loss.mean().backward() makes (N samples, or N rows of K classes or labels).

/** `grad` (the engine's, of the sum) as the page shows it: of the sum, or of the mean over `n` samples. */
export const shownGradients = (grad, n, backward) => (backward === 'sum' ? grad : grad.map((g) => g / n));
