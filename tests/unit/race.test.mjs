// The race's page logic without a browser (www/js/app/race-client.js,
// www/js/output/race-lanes.js, www/js/output/race.js): the pace that keeps
// the lanes together, what a lane's card and the summary say, the values a
// new change starts from; and, with the core under node, each lane's config
// and name, and the lanes' colours as the stylesheet has them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core.mjs';
import { lanesToSend, nextGoal } from '../../www/js/app/race-client.js';
import { fieldText, laneReadout, startingText } from '../../www/js/output/race-lanes.js';
import { LANE_COLOURS } from '../../www/js/output/race-draw.js';
import { raceSummary } from '../../www/js/output/race.js';
import { createRaceSettings, readRange } from '../../www/js/output/race-settings.js';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');

/** @type {import('../../www/js/types').CoreModule} */
const core = /** @type {any} */ (await loadCore());

const race = (/** @type {Partial<import('../../www/js/types').Race>} */ parts = {}) => ({ lanes: [[], []], epochs: 500, target: 0.05, ...parts });

test('at a set pace the goal moves with the clock, never far ahead of the slowest lane', () => {
  const base = { paced: 10, epochs: [10, 10, 10], stopped: [false, false, false], speeds: [600, 600, 600], rate: 60, length: 500 };
  // 60 epochs per second: 100 ms moves the pace 6 epochs on.
  assert.deepEqual(nextGoal({ ...base, elapsedMs: 100 }), { paced: 16, goal: 16 });
  // A lane that lags holds the others back: a quarter second of the pace ahead of it at most.
  assert.deepEqual(nextGoal({ ...base, epochs: [40, 12, 40], paced: 40, elapsedMs: 1000 }), { paced: 27, goal: 27 });
  // A stopped lane (diverged, or at the finish) holds nobody back.
  assert.equal(nextGoal({ ...base, epochs: [40, 3, 40], stopped: [false, true, false], paced: 40, elapsedMs: 100 }).goal, 46);
  // Never past the finish line; and every lane stopped: the finish.
  assert.equal(nextGoal({ ...base, paced: 499, epochs: [499, 499, 499], elapsedMs: 1000 }).goal, 500);
  assert.equal(nextGoal({ ...base, stopped: [true, true, true], elapsedMs: 0 }).goal, 500);
});

test('at the top speed the goal is a quarter second of the slowest lane\'s speed ahead of it', () => {
  const top = { paced: 0, epochs: [100, 120], stopped: [false, false], rate: Infinity, elapsedMs: 50, length: 10_000 };
  assert.equal(nextGoal({ ...top, speeds: [400, 2000] }).goal, 200);
  // Before the lanes' speeds are measured, one epoch at a time.
  assert.equal(nextGoal({ ...top, speeds: [0, 0] }).goal, 101);
});

test('fewer lanes than cores train at once, the furthest behind first', () => {
  const race = { epochs: [10, 4, 7, 10], sent: [10, 4, 7, 10], stopped: [false, false, false, false], goal: 12 };
  assert.deepEqual(lanesToSend({ ...race, slots: 1 }), [1]);
  assert.deepEqual(lanesToSend({ ...race, slots: 3 }), [1, 2, 0]);
  // A lane still on its way to its goal holds a slot; a stopped lane does not.
  assert.deepEqual(lanesToSend({ ...race, sent: [10, 12, 7, 10], slots: 1 }), []);
  assert.deepEqual(lanesToSend({ ...race, stopped: [false, true, false, false], slots: 1 }), [2]);
  // At the goal, nothing to send.
  assert.deepEqual(lanesToSend({ ...race, epochs: [12, 12, 12, 12], slots: 4 }), []);
});

test('a new change starts from another choice of a menu, or from the run\'s value of a number', () => {
  const schema = core.schema();
  const setting = (/** @type {string} */ name) => /** @type {any} */ (schema.settings.find((s) => s.name === name));
  const run = { optimizer: 'sgd', learningRate: 0.03, dropout: [0.5, 0.25], batchSize: 10 };
  assert.equal(fieldText(run, 'dropout'), '0.5,0.25');
  assert.equal(fieldText(run, 'learningRate'), '0.03');
  assert.equal(startingText(setting('optimizer'), run), 'momentum');
  assert.equal(startingText(setting('learningRate'), run), '0.03');
  assert.equal(startingText(setting('batchSize'), run), '10');
  // Every field a lane may change is described by the schema, and takes its own text back.
  for (const field of schema.race.fields) {
    const s = setting(field);
    assert.ok(s, field);
    assert.equal(core.raceChangeProblem(field, startingText(s, /** @type {any} */ (core.raceConfigs({}, race())[0]))), undefined, field);
  }
  assert.match(core.raceChangeProblem('hidden', '8') ?? '', /^a lane may not change “hidden”/);
});

test('the core makes each lane\'s config and name, and refuses a lane by its number', () => {
  const spec = race({ lanes: [[], [['optimizer', 'adam'], ['learningRate', '0.003']]] });
  const configs = core.raceConfigs({ dataset: 'spiral' }, spec);
  assert.deepEqual(configs.map((c) => [c.optimizer, c.learningRate, c.dataset]), [['sgd', 0.03, 'spiral'], ['adam', 0.003, 'spiral']]);
  assert.deepEqual(core.raceLegends({}, spec), ['SGD, η = 0.03', 'Adam, η = 0.003']);
  assert.throws(() => core.raceConfigs({}, race({ lanes: [[], [['batchSize', '9999']]] })), /^Error: Lane 2: /);
});

test('a lane\'s card says its losses and when it reached L; the summary names who arrived first', () => {
  const stats = (/** @type {number} */ epoch, /** @type {any} */ stopped = null) => ({ epoch, trainLoss: 0.01234, testLoss: 0.0456, trainAccuracy: 1, testAccuracy: 1, learningRate: 0.03, stopped });
  const view = (/** @type {number} */ epoch, /** @type {number | null} */ firstBelow, /** @type {any} */ stopped = null) =>
    ({ stats: stats(epoch, stopped), firstBelow, history: new Float64Array(0), picture: null, pictureSize: 48, epochsPerSecond: 0, weights: null });
  assert.equal(laneReadout(null, 0.05, 300), 'Not started');
  assert.equal(laneReadout(view(300, 87), 0.05, 300), 'Training loss 0.0123 · test 0.0456\nReached L = 0.05 at epoch 87');
  // The run's own epoch limit at the finish line is the finish; before it, a stop.
  assert.equal(laneReadout(view(300, 87, { kind: 'maxEpochs', message: '' }), 0.05, 300), 'Training loss 0.0123 · test 0.0456\nReached L = 0.05 at epoch 87');
  assert.equal(laneReadout(view(200, 87, { kind: 'maxEpochs', message: '' }), 0.05, 300), 'Training loss 0.0123 · test 0.0456\nReached L = 0.05 at epoch 87\nStopped at epoch 200');
  assert.equal(laneReadout(view(3, null, { kind: 'diverged', message: '' }), 0.05, 300), 'Training loss 0.0123 · test 0.0456\nNot yet at L = 0.05\nDiverged: stopped at epoch 3');
  const r = race({ lanes: [[], [], []], epochs: 300 });
  assert.equal(raceSummary([view(120, null), view(121, 40), view(125, 12)], r, true), 'Racing: epoch 120 of 300.');
  assert.equal(raceSummary([view(300, null), view(300, 40), view(300, 12)], r, false), 'Finished at epoch 300: lane 3 reached L = 0.05 first, at epoch 12.');
  assert.equal(raceSummary([view(300, null), view(3, null)], r, false), 'Finished at epoch 300: no lane reached L = 0.05.');
});

test('the race\'s settings: changes in link order, two to four lanes, in the link once edited', () => {
  const schema = core.schema();
  const settings = createRaceSettings(schema);
  assert.equal(settings.link(), null, 'no race in the link until one is edited or started');
  settings.change(1, 'optimizer', 'adam');
  settings.change(1, 'learningRate', '0.003');
  // Another field replaces the one a row had.
  settings.change(0, 'batchSize', '1');
  settings.change(0, 'momentum', '0.5', 'batchSize');
  assert.deepEqual(settings.link()?.lanes, [[['momentum', '0.5']], [['learningRate', '0.003'], ['optimizer', 'adam']]]);
  settings.change(0, 'momentum', null);
  for (let k = 0; k < 5; k += 1) settings.addLane();
  assert.equal(settings.race().lanes.length, 4);
  for (let k = 0; k < 5; k += 1) settings.removeLane(0);
  assert.equal(settings.race().lanes.length, 2);
  settings.clear();
  assert.equal(settings.link(), null);
  assert.deepEqual(settings.race(), { lanes: [[], []], epochs: schema.race.defaultEpochs, target: schema.race.defaultTarget });
});

test('the race\'s length and target are read against the schema\'s ranges', () => {
  const { race } = core.schema();
  assert.deepEqual(readRange(' 300 ', race.epochs), { value: 300 });
  assert.deepEqual(readRange('2.5', race.epochs), { why: 'The race\'s length: 1 to 100000 epochs; “2.5” is not.' });
  assert.deepEqual(readRange('0', race.target), { why: 'The target L: above 0 and at most 100; “0” is not.' });
  assert.deepEqual(readRange('0.02', race.target), { value: 0.02 });
  assert.ok('why' in readRange('', race.target));
});

test('the chart\'s lane colours are the stylesheet\'s', () => {
  const css = fs.readFileSync(path.join(WWW, 'css', 'race.css'), 'utf8');
  const light = css.slice(css.indexOf('.race {'), css.indexOf('@media'));
  LANE_COLOURS.forEach((colour, k) => assert.match(light, new RegExp(`--race-${k + 1}: ${colour};`)));
});
