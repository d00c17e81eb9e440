// @ts-check
// The lessons menu: presets that each show one idea of the course. A lesson is
// a link (the core writes it, crate/src/lessons.rs), so choosing one navigates
// to its hash: a new history entry, and the browser's back button returns to
// the settings the user had. Its caption stays on screen until closed; its
// text folds away to the title (in an embed, by itself when training starts,
// so that the plot is in view).

import { byId } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').LessonInfo} LessonInfo */

/**
 * @typedef {object} Lessons
 * @property {(id: string | null, changes?: string[]) => void} show
 *   shows a lesson's caption (null: none) and which of its settings were changed
 * @property {(open: boolean) => void} fold  shows the caption's text, or only its title
 */

/**
 * @param {Root} doc
 * @param {CoreModule} core
 * @param {{ onClose: () => void, onChoose: (link: string) => void, labelOf: (field: string) => string }} handlers
 *   onClose: the caption was closed; onChoose: a lesson was chosen (its link);
 *   labelOf: how the form names a config field
 * @returns {Lessons}
 */
export function createLessons(doc, core, handlers) {
  const select = byId(doc, 'lesson', HTMLSelectElement);
  const box = byId(doc, 'lesson-caption', HTMLElement);
  const title = byId(doc, 'lesson-title', HTMLElement);
  const text = byId(doc, 'lesson-text', HTMLElement);
  const close = byId(doc, 'lesson-close', HTMLButtonElement);
  const foldButton = byId(doc, 'lesson-fold', HTMLButtonElement);
  const back = byId(doc, 'lesson-back', HTMLElement);
  const changed = byId(doc, 'lesson-changed', HTMLElement);
  /** The lesson chosen from this page's menu: Back then returns to the settings before it. */
  /** @type {string | null} */
  let chosenHere = null;
  /** @type {LessonInfo[]} */
  const lessons = core.lessons();

  for (const lesson of lessons) {
    const option = new Option(lesson.title, lesson.id);
    option.title = lesson.caption;
    select.add(option);
  }

  select.addEventListener('change', () => {
    const lesson = lessons.find((l) => l.id === select.value);
    if (!lesson) return;
    chosenHere = lesson.id;
    handlers.onChoose(lesson.link);
  });

  /** @param {boolean} open */
  function fold(open) {
    box.classList.toggle('is-folded', !open);
    foldButton.setAttribute('aria-expanded', String(open));
    foldButton.textContent = open ? 'Hide the text' : 'Show the text';
  }
  foldButton.addEventListener('click', () => fold(box.classList.contains('is-folded')));

  close.addEventListener('click', () => {
    box.hidden = true;
    select.value = '';
    handlers.onClose();
  });

  return {
    show(id, changes = []) {
      const lesson = lessons.find((l) => l.id === id);
      changed.hidden = !lesson || changes.length === 0;
      changed.textContent = changes.length === 0
        ? ''
        : `Changed from the lesson: ${changes.map(handlers.labelOf).join(', ')}. The caption describes the lesson's own settings.`;
      box.hidden = !lesson;
      select.value = lesson ? lesson.id : '';
      title.textContent = lesson?.title ?? '';
      // Folded in a narrow embed the title may be cut short: the whole of it on hover.
      title.title = lesson?.title ?? '';
      text.textContent = lesson?.caption ?? '';
      // Opened from a shared link, there are no earlier settings of the user's to go back to.
      back.hidden = !lesson || chosenHere !== lesson.id;
      fold(true);
    },
    fold,
  };
}
