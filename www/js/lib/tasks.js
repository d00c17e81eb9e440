// @ts-check
// Giving the page back to the browser between two parts of a long piece of
// work, so that no task holds the main thread for long (input, rendering and
// other tasks run in between).

/**
 * Resolves in a task of its own, after what is already queued: the
 * scheduler's `yield` where there is one, else a message through a channel
 * (a timer of 0 ms may be clamped to 4 ms or throttled in the background).
 * @returns {Promise<void>}
 */
export function nextTask() {
  const scheduler = /** @type {{ scheduler?: { yield?: () => Promise<void> } }} */ (globalThis).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Brings the page's style and layout up to date in a task of its own (at no
 * cost if they are), and resolves in the task after it. Work that reads them
 * — measuring, drawing text on a canvas — then finds them fresh, instead of
 * laying out a page its own task just changed (20–30 ms for 8 × 32's
 * diagram).
 * @param {Document} doc
 * @returns {Promise<void>}
 */
export async function layOutApart(doc) {
  await nextTask();
  void doc.documentElement.getBoundingClientRect();
  await nextTask();
}
