// @ts-check
// The page's boot: mounts the playground into the document (app/mount.js),
// with its link in the location hash and the presenter keys on the whole
// page, and exposes `window.__bp` for tests and scripting (app/scripting.js).

import { locationStore } from './link-store.js';
import { mountPlayground } from './mount.js';
import { scriptingApi } from './scripting.js';

async function boot() {
  const page = await mountPlayground(document, {
    store: locationStore(window),
    keys: document,
    fullscreen: document.documentElement,
  });
  window.__bp = scriptingApi(page);
  document.documentElement.dataset.ready = 'true';
}

boot().catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  const slot = document.getElementById('page-msg');
  if (slot) {
    slot.textContent = `The playground could not start: ${message}`;
    slot.classList.add('is-visible');
  }
  console.error(err);
});
