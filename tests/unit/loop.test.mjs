// The animation loop (www/js/app/loop.js) asks for frames only while
// something changes: training, a snapshot not drawn yet, the engine yet to
// answer, or the engine's needs changing. Then it sleeps, costing the
// machine nothing, until it is woken or a slow look finds the needs changed.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { ASLEEP_LOOK_MS, createLoop } from '../../www/js/app/loop.js';

/** @type {(() => void)[]} */
let frames = [];
/** @type {{ at: number, fn: () => void }[]} */
let timers = [];
let now = 0;

const real = { requestAnimationFrame: globalThis.requestAnimationFrame, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

beforeEach(() => {
  frames = [];
  timers = [];
  now = 0;
  globalThis.requestAnimationFrame = /** @type {any} */ ((/** @type {() => void} */ fn) => frames.push(fn));
  globalThis.setTimeout = /** @type {any} */ ((/** @type {() => void} */ fn, /** @type {number} */ ms) => {
    const timer = { at: now + ms, fn };
    timers.push(timer);
    return timer;
  });
  globalThis.clearTimeout = /** @type {any} */ ((/** @type {any} */ timer) => {
    timers = timers.filter((t) => t !== timer);
  });
});
afterEach(() => {
  Object.assign(globalThis, real);
});

/** Runs the frames asked for so far; returns how many ran. */
function runFrames() {
  const due = frames;
  frames = [];
  due.forEach((fn) => fn());
  return due.length;
}

/** Moves the clock on by `ms`, running the timers due. */
function advance(ms) {
  now += ms;
  const due = timers.filter((t) => t.at <= now);
  timers = timers.filter((t) => t.at > now);
  due.forEach((t) => t.fn());
}

function fakePage() {
  const calls = { render: 0, needs: /** @type {unknown[]} */ ([]), wants: 0 };
  let settled = true;
  let failed = false;
  const state = /** @type {any} */ ({
    playing: false,
    fresh: true,
    unmeasured: false,
    epochsPerFrame: 1,
    wake: () => {},
    engine: {
      settled: () => settled,
      failed: () => failed,
      setNeeds: (/** @type {unknown} */ n) => calls.needs.push(n),
      want: () => { calls.wants += 1; },
      play() {},
      pause() {},
      step() {},
    },
  });
  let needs = { plotSize: 100 };
  const view = {
    render: () => { calls.render += 1; },
    needs: () => needs,
    fail() {},
  };
  return {
    state,
    view,
    calls,
    setNeeds: (/** @type {{ plotSize: number }} */ n) => { needs = n; },
    setSettled: (/** @type {boolean} */ s) => { settled = s; },
    fail: () => { settled = false; failed = true; },
  };
}

/** Runs frames until none is asked for (at most `limit`); returns how many ran. */
function runUntilAsleep(limit = 100) {
  let ran = 0;
  while (frames.length > 0 && ran < limit) ran += runFrames();
  return ran;
}

test('once everything is drawn and asked for, the loop asks for no more frames', () => {
  const { state, view, calls } = fakePage();
  const loop = createLoop(state, view, () => {});
  const ran = runUntilAsleep();
  assert.equal(calls.render, 1, 'the first snapshot is drawn once');
  assert.ok(ran <= 5, `${ran} frames before sleeping`);
  assert.equal(frames.length, 0);
  assert.equal(loop.asleep(), true);
  assert.deepEqual(calls.needs, [{ plotSize: 100 }]);
});

test('state.wake (a change marked fresh) and wake() ask for a frame, which draws', () => {
  const { state, view, calls } = fakePage();
  const loop = createLoop(state, view, () => {});
  runUntilAsleep();
  state.fresh = true;
  state.wake();
  assert.equal(frames.length, 1);
  runUntilAsleep();
  assert.equal(calls.render, 2);
  loop.wake();
  loop.wake();
  assert.equal(frames.length, 1, 'one frame for two wakes');
  runUntilAsleep();
  assert.equal(loop.asleep(), true);
});

test('while training, or while the engine has yet to answer, it never sleeps', () => {
  const page = fakePage();
  const loop = createLoop(page.state, page.view, () => {});
  runUntilAsleep();
  loop.play();
  assert.equal(runUntilAsleep(50), 50, 'a frame every frame while playing');
  loop.pause();
  page.setSettled(false);
  assert.equal(runUntilAsleep(50), 50, 'a frame every frame while the engine works');
  const wants = page.calls.wants;
  runFrames();
  assert.equal(page.calls.wants, wants + 1, 'the next snapshot is asked for each frame');
  page.setSettled(true);
  assert.ok(runUntilAsleep() <= 5);
  assert.equal(loop.asleep(), true);
});

test('asleep, a slow look sends needs that changed unannounced and wakes the loop', () => {
  const page = fakePage();
  const loop = createLoop(page.state, page.view, () => {});
  runUntilAsleep();
  advance(ASLEEP_LOOK_MS * 4);
  assert.equal(frames.length, 0, 'nothing changed: still asleep');
  assert.equal(page.calls.needs.length, 1);
  page.setNeeds({ plotSize: 200 });
  advance(ASLEEP_LOOK_MS);
  assert.deepEqual(page.calls.needs.at(-1), { plotSize: 200 });
  assert.equal(frames.length, 1, 'awake');
  loop.stop();
  runUntilAsleep();
  advance(ASLEEP_LOOK_MS * 4);
  assert.equal(frames.length + timers.length, 0, 'stopped: no frame and no look');
});

test('a stopped engine answers nothing: the loop does not wait for it, it sleeps', () => {
  const page = fakePage();
  const loop = createLoop(page.state, page.view, () => {});
  page.fail();
  assert.ok(runUntilAsleep() <= 5);
  assert.equal(loop.asleep(), true);
  advance(ASLEEP_LOOK_MS * 4);
  assert.equal(frames.length, 0);
});
