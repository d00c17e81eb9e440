// @ts-check
// The inspector's step controls: a chip per step of the example (forward
// layer by layer, the loss, backward layer by layer, the update), Restart,
// Back, Next step, Show all and Apply update, and the line that says which
// step is shown.

import { html } from '../lib/dom.js';
import { button } from './widgets.js';

/**
 * @typedef {object} StepHandlers
 * @property {() => number} phase      the step shown
 * @property {() => number} last       the last step of this example
 * @property {(p: number) => void} goTo  shows step p
 * @property {() => void} apply        the Apply update button
 */

/**
 * @param {Document} doc
 * @param {StepHandlers} handlers
 */
export function createSteps(doc, handlers) {
  const phaseList = html(doc, 'ol', 'insp-phases');
  phaseList.setAttribute('aria-label', 'Steps of this example');
  const restart = button(doc, 'inspector-restart', 'Restart', 'Back to the first step of this example');
  const back = button(doc, 'inspector-back', '◀ Back', 'The previous step');
  const forward = button(doc, 'inspector-next', 'Next step ▶', 'The next step: forward layer by layer, then the loss, then backward layer by layer, then the update', 'button insp-primary');
  const all = button(doc, 'inspector-all', 'Show all', 'Jump to the last step: every quantity of this example');
  const apply = button(doc, 'inspector-apply', 'Apply update', 'Take this step on the running network (w_ij ← new w_ij) and go on to the next example');
  const steps = html(doc, 'div', 'insp-steps');
  steps.append(restart, back, forward, all, apply);
  const status = html(doc, 'p', 'insp-status');
  status.setAttribute('role', 'status');

  restart.addEventListener('click', () => handlers.goTo(0));
  back.addEventListener('click', () => handlers.goTo(handlers.phase() - 1));
  forward.addEventListener('click', () => handlers.goTo(handlers.phase() + 1));
  all.addEventListener('click', () => handlers.goTo(handlers.last()));
  phaseList.addEventListener('click', (event) => {
    const chip = /** @type {HTMLElement} */ (event.target).closest('[data-phase]');
    if (chip instanceof HTMLElement) handlers.goTo(Number(chip.dataset.phase));
  });
  apply.addEventListener('click', () => handlers.apply());

  return {
    phaseList,
    steps,
    status,

    /**
     * The step chips; a chip jumps to its step.
     * @param {string[]} names
     * @param {number} phase  the step shown
     */
    renderPhases(names, phase) {
      const hadFocus = phaseList.contains(doc.activeElement);
      phaseList.replaceChildren(...names.map((name, p) => {
        const li = html(doc, 'li');
        const chip = /** @type {HTMLButtonElement} */ (html(doc, 'button', 'insp-chip', name));
        chip.type = 'button';
        chip.title = `Show step ${p + 1}: ${name}`;
        chip.dataset.phase = String(p);
        if (p === phase) chip.setAttribute('aria-current', 'step');
        if (p < phase) chip.classList.add('is-done');
        li.append(chip);
        return li;
      }));
      status.textContent = `Step ${phase + 1} of ${names.length}: ${names[phase] ?? ''}`;
      // A chip pressed from the keyboard keeps the focus on its (rebuilt) self.
      if (hadFocus) /** @type {HTMLElement | null} */ (phaseList.querySelector('[aria-current="step"]'))?.focus();
    },

    /** @param {boolean} graph  the computational graph is shown: there is no update to apply */
    setGraph(graph) {
      apply.hidden = graph;
    },

    /** No example to step: no chips, no status. */
    clear() {
      phaseList.replaceChildren();
      status.textContent = '';
    },

    /**
     * Enables the buttons that can go somewhere from the step shown.
     * @param {number} phase
     * @param {number} last
     * @param {boolean} graph     the computational graph is shown (nothing to apply)
     * @param {boolean} hasTrace  there is a step to apply
     */
    renderButtons(phase, last, graph, hasTrace) {
      restart.disabled = phase === 0;
      back.disabled = phase === 0;
      forward.disabled = phase >= last;
      all.disabled = phase >= last;
      apply.disabled = graph || !hasTrace;
    },
  };
}
