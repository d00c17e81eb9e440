// @ts-check
// The dataset menu's quick picks: a small picture of each dataset in a
// button, those of the chosen problem type shown, the chosen one pressed.

/**
 * The dataset options of one problem type.
 * @param {HTMLSelectElement} dataset
 * @param {string} kind  'classification' or 'regression'
 */
export function datasetOptions(dataset, kind) {
  return Array.from(dataset.querySelectorAll(`optgroup[data-problem="${kind}"] option`))
    .map((o) => /** @type {HTMLOptionElement} */ (o));
}

/**
 * Shows the preview buttons of the chosen problem type. The select keeps every
 * dataset, grouped: picking one of the other kind switches the problem type.
 * @param {HTMLElement} previews
 * @param {string} kind
 */
export function filterDatasets(previews, kind) {
  for (const button of previews.querySelectorAll('button')) {
    /** @type {HTMLButtonElement} */ (button).hidden = button.getAttribute('data-problem') !== kind;
  }
}

/**
 * Marks the preview button of the chosen dataset.
 * @param {HTMLElement} previews
 * @param {string} chosen  the dataset menu's value
 */
export function markPreview(previews, chosen) {
  for (const button of previews.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-dataset') === chosen));
  }
}

/**
 * Puts a button with each dataset's picture into `previews`, in the menu's order.
 * @param {HTMLElement} previews
 * @param {HTMLSelectElement} dataset
 * @param {Map<string, HTMLCanvasElement>} pictures
 */
export function fillPreviews(previews, dataset, pictures) {
  const doc = previews.ownerDocument;
  previews.replaceChildren();
  for (const option of dataset.querySelectorAll('option')) {
    const picture = pictures.get(option.value);
    if (!picture) continue;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'dataset-preview';
    button.dataset.dataset = option.value;
    button.dataset.problem = option.parentElement?.getAttribute('data-problem') ?? '';
    button.title = option.textContent ?? option.value;
    button.setAttribute('aria-label', option.textContent ?? option.value);
    picture.setAttribute('aria-hidden', 'true');
    button.append(picture);
    previews.append(button);
  }
}
