// @ts-check
// The animation loop: on each frame the page draws the latest snapshot the
// engine sent, if it has not drawn it yet, and asks for the next one. It
// never trains and never waits: training runs in the engine's worker at the
// pace of the speed setting, whatever the frame rate. While nothing changes
// (paused, everything drawn, the same needs) it asks for no frames at all:
// an idle page costs nothing. Anything that may change what is drawn wakes
// it (`state.wake`, the page's input events, `wake`).

import { epochRate } from './state.js';

/** @typedef {import('./state.js').AppState} AppState */

/**
 * @typedef {object} View
 * @property {(state: AppState) => void} render  draws the state's run and readouts
 * @property {(message: string) => void} fail    reports a frame that threw; the loop stops
 * @property {(state: AppState) => import('./engine.js').Needs} needs  what the page shows now
 */

/**
 * @typedef {object} Loop
 * @property {() => void} play   starts training
 * @property {() => void} pause
 * @property {() => void} stepOnce  pauses and trains one epoch
 * @property {() => void} speedChanged  the speed setting changed
 * @property {() => number} frames  snapshots drawn while training since the page loaded
 * @property {() => void} stop  pauses and draws no more frames (the page is going away)
 * @property {() => void} wake  asks for a frame (something may have changed)
 * @property {() => boolean} asleep  the loop waits for something to change
 */

/** Frames the loop goes on for once nothing changes, before it sleeps. */
const IDLE_FRAMES = 3;
/**
 * While asleep, how often the loop looks whether what the page needs from
 * the engine changed all the same (say a panel laid out by a change no event
 * told of), in ms: a timer, not frames.
 */
export const ASLEEP_LOOK_MS = 250;

/**
 * @param {AppState} state
 * @param {View} view
 * @param {(playing: boolean) => void} onPlayingChange
 * @returns {Loop}
 */
export function createLoop(state, view, onPlayingChange) {
  let frames = 0;
  let broken = false;
  let stopped = false;
  let sentNeeds = '';
  /** A frame is requested. */
  let scheduled = false;
  /** Frames in a row in which nothing changed. */
  let idle = 0;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let look = null;

  function wake() {
    idle = 0;
    if (scheduled || stopped || broken) return;
    scheduled = true;
    if (look !== null) clearTimeout(look);
    look = null;
    requestAnimationFrame(frame);
  }

  /**
   * The engine has yet to answer all that was asked (the next snapshot is
   * asked for each frame until it has); a stopped engine answers nothing.
   */
  const waiting = () => !state.engine.settled() && !state.engine.failed();
  /** Training, a snapshot not drawn yet, or the engine yet to answer. */
  const busy = () => state.playing || state.fresh || waiting();

  /** Sends what the page shows to the engine if it changed; true if it did. */
  function sendNeeds() {
    const needs = view.needs(state);
    const key = JSON.stringify(needs);
    if (key === sentNeeds) return false;
    sentNeeds = key;
    state.engine.setNeeds(needs);
    return true;
  }

  function frame() {
    scheduled = false;
    if (stopped || broken) return;
    let changed = busy();
    // A new run is drawn once it is measured (or the engine reported on it).
    if (state.fresh && !state.unmeasured) {
      state.fresh = false;
      try {
        view.render(state);
      } catch (err) {
        broken = true;
        setPlaying(false);
        view.fail(err instanceof Error ? err.message : String(err));
        return;
      }
      if (state.playing) frames += 1;
    }
    if (sendNeeds()) changed = true;
    state.engine.want();
    if (changed) idle = 0;
    else idle += 1;
    if (idle < IDLE_FRAMES) {
      scheduled = true;
      requestAnimationFrame(frame);
    } else {
      sleep();
    }
  }

  /** No frames until something wakes the loop; a look at the needs now and then. */
  function sleep() {
    look = setTimeout(() => {
      look = null;
      if (stopped || broken || scheduled) return;
      if (sendNeeds() || busy()) wake();
      else sleep();
    }, ASLEEP_LOOK_MS);
  }

  state.wake = wake;
  wake();

  /** @param {boolean} playing */
  function setPlaying(playing) {
    if (state.playing === playing) return;
    state.playing = playing;
    if (playing) state.engine.play(epochRate(state.epochsPerFrame));
    else state.engine.pause();
    onPlayingChange(playing);
    wake();
  }

  return {
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    stepOnce() {
      setPlaying(false);
      state.engine.step(1);
      wake();
    },
    speedChanged() {
      if (state.playing) state.engine.play(epochRate(state.epochsPerFrame));
    },
    frames: () => frames,
    stop() {
      setPlaying(false);
      stopped = true;
      if (look !== null) clearTimeout(look);
      look = null;
    },
    wake,
    asleep: () => !scheduled && !stopped,
  };
}

/** The events after which what the page draws may have changed. */
const WAKING_EVENTS = Object.freeze(['input', 'change', 'click', 'keydown', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'scroll', 'toggle', 'focusin']);

/**
 * Wakes the loop on the page's input (in the capture phase, so that an
 * element that stops an event's propagation still wakes it), on scrolls and
 * toggles inside `root`, and on the window's resizes and history moves.
 * @param {Document | ShadowRoot} root
 * @param {() => void} wake
 */
export function wakeOnInput(root, wake) {
  for (const type of WAKING_EVENTS) root.addEventListener(type, wake, { capture: true, passive: true });
  const win = (root instanceof Document ? root : root.ownerDocument).defaultView;
  for (const type of ['resize', 'hashchange', 'popstate']) win?.addEventListener(type, wake, { passive: true });
}
