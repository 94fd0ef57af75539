// The guided tour: the story from targets to training, one lab state and a few sentences per step.
// `fields` are the element's state fields (state.js); the step number lives in the address as tour=N.
// `look` is the part of the lab the step talks about (a selector in its shadow root): the page
// scrolls it into view under the tour's card. In presenter mode `present`, if a step has one, comes
// first instead: the chart itself rather than its panel's hint and choices, on a screen of large type.

export const TOUR = [
  {
    title: 'Targets and predictions',
    text: 'Three sentences, and a model guessing whether each is positive. The targets are the right answers, 1, 0 and 1. The predictions are how sure the model is of “positive”: 0.9, 0.2 and 0.3. Drag a slider to change a guess. Showing this to a class? The Present button enlarges everything, and the arrow keys or a clicker step through the tour.',
    look: '#samples',
    fields: { loss: 'distance', space: 'prob', targets: '1,0,1', predictions: '0.9,0.2,0.3', open: '' },
  },
  {
    title: 'The first loss: how far off',
    text: 'Score each guess by its distance from the answer: 1 − 0.9, 0.2 and 1 − 0.3. Their mean, 0.3333, is the loss of the batch. Point at any number to see how it was computed. Every chart has an Export button: SVG or PNG, for a slide or a paper.',
    look: '#chart-box',
    fields: { loss: 'distance', space: 'prob', targets: '1,0,1', predictions: '0.9,0.2,0.3', open: 'curve' },
  },
  {
    title: 'Why predictions must stay between 0 and 1',
    text: 'A network’s last layer can output any number, 2.2 or −1.4, but a probability lives between 0 and 1. Type 1.5 into a prediction’s field and the lab refuses it: past the ends, a distance from the answer stops meaning anything.',
    look: '#samples',
    fields: { loss: 'distance', space: 'prob', targets: '1,0,1', predictions: '0.9,0.2,0.3', open: '' },
  },
  {
    title: 'The sigmoid',
    text: 'σ(x) = 1 / (1 + e^−x) maps every activation to a probability: large positive numbers near 1, large negative ones near 0, zero to exactly 0.5. The loss is still the distance, now of σ(x). Drag a point along the sigmoid and watch its probability and its loss follow.',
    look: '#sigmoid-panel',
    fields: { loss: 'distance', space: 'logit', targets: '1,0,1', predictions: '2.2,-1.4,-0.8', open: 'sigmoid,curve' },
  },
  {
    title: 'Why not the distance after a sigmoid?',
    text: 'One sample, target 1, and an activation of −10: the model is sure of the wrong answer. Its distance is 1.0000, the worst there is, yet its gradient is only −4.540e−05: out there the sigmoid is flat, so a confident mistake barely moves. Under cross-entropy the same sample’s gradient is −1.0000: the worse the mistake, the harder the push.',
    look: '#compare-panel',
    present: '#compare-box',
    fields: { loss: 'distance', space: 'logit', targets: '1', predictions: '-10', compare: 'distance,bce', open: 'compare,curve' },
  },
  {
    title: 'Why accuracy is not a loss',
    text: 'Counting mistakes is what we care about, but its bars stay flat while a prediction moves, and its gradient is zero: there is no downhill to follow until a guess crosses 0.5. A loss must change a little when the model changes a little.',
    look: '#compare-panel',
    present: '#compare-box',
    fields: {
      loss: 'zero_one',
      space: 'prob',
      targets: '1,0,1',
      predictions: '0.9,0.2,0.3',
      compare: 'distance,bce,zero_one',
      open: 'compare',
    },
  },
  {
    title: 'Cross-entropy',
    text: 'Binary cross-entropy scores a guess by −ln of the probability it gave the right answer. Sample 4 says 0.01 where the answer is 1: distance calls that 0.99, cross-entropy 4.6. Confident mistakes cost the most, and their gradients are the steepest.',
    look: '#compare-panel',
    present: '#compare-box',
    fields: { loss: 'bce', space: 'prob', targets: '1,0,1,1', predictions: '0.9,0.1,0.8,0.01', compare: 'distance,bce', open: 'compare' },
  },
  {
    title: 'Many classes',
    text: 'With three classes a model gives three activations per sample. Softmax turns each row into probabilities that sum to 1, and cross-entropy takes −ln of the right class’s share. Sigmoid per column would not do: its rows need not sum to 1.',
    look: '#matrix-host',
    fields: { loss: 'cross_entropy' },
  },
  {
    title: 'Many labels',
    text: 'A photo can show a dog and a ball at once. Then each label is its own yes-or-no question: a sigmoid and a binary cross-entropy per label, and a sample’s loss is the mean over its labels. The threshold decides which labels count as predicted.',
    look: '#matrix-host',
    fields: { loss: 'multilabel_bce' },
  },
  {
    title: 'Regression: how much, not which',
    text: 'Predicting a price or a temperature, the error is a number d = ŷ − y. Sample 5, target 12, is off by 7.2, and its loss dwarfs the others under every loss: 51.8400 squared, 6.7000 under Huber, 7.2000 absolute. What differs is its pull on the prediction, the gradient: −2.8800 under squared error, only −0.2000 under Huber and absolute error, no more than any sample off by 1 or more.',
    look: '#compare-panel',
    present: '#compare-box',
    fields: {
      loss: 'huber',
      targets: '1,2,3,4,12',
      predictions: '1.1,2.2,2.9,4.2,4.8',
      compare: 'mse,mae,huber',
      backward: 'mean',
      open: 'compare,curve',
    },
  },
  {
    title: 'Training',
    text: 'Gradient descent moves every prediction a small step against its gradient, again and again. Press Train and watch the mean loss fall; pause, drag a sample somewhere worse, and train again.',
    look: '.descent',
    fields: { loss: 'bce', space: 'logit', targets: '1,0,1', predictions: '2.2,-1.4,-0.8', lr: '1', open: 'curve' },
  },
  {
    title: 'Weights, not predictions',
    text: 'A real model does not move each prediction on its own: it moves weights, and every prediction follows. Here a sentence’s activation is b plus the weights of its words, and these weights give 0.9, 0.2 and 0.3 again. “not” is in the negative sentence and in the positive one, so its gradient adds both: (0.2 − 0.7) / 3 = −0.1667, and a step raises it. Press Train, under the loss chart.',
    look: '#wl-weights',
    fields: { model: 'words', loss: 'bce', lr: '1' },
  },
  {
    title: 'One number for all: mean or median',
    text: 'The simplest model predicts one number c for every sample. Training under squared error takes c to the mean of the targets, 4.4: the outlier 12 pulls it up from 3, the median. Press Train, under the loss chart; then switch the loss to mean absolute error and train again: c comes back to hover around 3, a step of learning rate × 0.2 either side, since that gradient never shrinks.',
    look: '#wl-param-box',
    fields: { model: 'constant', loss: 'mse', lr: '0.3' },
  },
  {
    title: 'A line, and an outlier’s pull',
    text: 'ŷ = w·x + b has two weights, and the map shows the mean loss for every pair; training walks down it. Under squared error the lowest point is w = 2.38, b = −0.34: one outlier at (4, 12) tilts the whole line. Switch the loss to Huber and the lowest point moves to w = 1.55, b = 0.52, nearer the other four. Drag the outlier in the points above and watch the × follow.',
    look: '#wl-param-box',
    fields: { model: 'line', loss: 'mse', lr: '0.1' },
  },
];
