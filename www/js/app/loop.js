// @ts-check
// The animation loop. Each frame asks the core to train `epochsPerFrame` epochs,
// then reads the results and draws them: training drives drawing, never the
// other way round, and the core never calls the UI.

import { train } from './state.js';

/** @typedef {import('./state.js').AppState} AppState */

/**
 * @typedef {object} View
 * @property {(state: AppState) => void} render  draws the state's network and readouts
 * @property {(message: string) => void} fail    reports a frame that threw; the loop stops
 */

/**
 * @typedef {object} Loop
 * @property {() => void} play   starts training frame by frame
 * @property {() => void} pause
 * @property {() => void} stepOnce  pauses, trains one epoch and draws
 * @property {() => number} frames  frames trained since the page loaded
 */

/**
 * @param {AppState} state
 * @param {View} view
 * @param {(playing: boolean) => void} onPlayingChange
 * @returns {Loop}
 */
export function createLoop(state, view, onPlayingChange) {
  let handle = 0;
  let frames = 0;

  function frame() {
    handle = 0;
    if (!state.playing) return;
    try {
      train(state, state.epochsPerFrame);
      view.render(state);
    } catch (err) {
      setPlaying(false);
      view.fail(err instanceof Error ? err.message : String(err));
      return;
    }
    frames += 1;
    handle = requestAnimationFrame(frame);
  }

  /** @param {boolean} playing */
  function setPlaying(playing) {
    if (state.playing === playing) return;
    state.playing = playing;
    if (playing && handle === 0) handle = requestAnimationFrame(frame);
    if (!playing && handle !== 0) {
      cancelAnimationFrame(handle);
      handle = 0;
    }
    onPlayingChange(playing);
  }

  return {
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    stepOnce() {
      setPlaying(false);
      train(state, 1);
      view.render(state);
    },
    frames: () => frames,
  };
}
