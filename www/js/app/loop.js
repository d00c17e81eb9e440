// @ts-check
// The animation loop: on each frame the page draws the latest snapshot the
// engine sent, if it has not drawn it yet, and asks for the next one. It
// never trains and never waits: training runs in the engine's worker at the
// pace of the speed setting, whatever the frame rate.

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
 */

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

  function frame() {
    if (stopped) return;
    requestAnimationFrame(frame);
    if (broken) return;
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
    const needs = view.needs(state);
    const key = JSON.stringify(needs);
    if (key !== sentNeeds) {
      sentNeeds = key;
      state.engine.setNeeds(needs);
    }
    state.engine.want();
  }
  requestAnimationFrame(frame);

  /** @param {boolean} playing */
  function setPlaying(playing) {
    if (state.playing === playing) return;
    state.playing = playing;
    if (playing) state.engine.play(epochRate(state.epochsPerFrame));
    else state.engine.pause();
    onPlayingChange(playing);
  }

  return {
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    stepOnce() {
      setPlaying(false);
      state.engine.step(1);
    },
    speedChanged() {
      if (state.playing) state.engine.play(epochRate(state.epochsPerFrame));
    },
    frames: () => frames,
    stop() {
      setPlaying(false);
      stopped = true;
    },
  };
}
