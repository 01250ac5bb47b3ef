// The roll queue against a scripted Tavern: order, a reload, the bound, 429, 401, refusals, failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Outcome } from '../scripts/client.js';
import { RollQueue } from '../scripts/queue.js';

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
}

/** Answers each postRoll with the next scripted outcome (then RECORDED), remembering what was sent. */
class ScriptedTavern {
  constructor(...answers) { this.answers = answers; this.sent = []; }
  async postRoll(body) {
    this.sent.push(body.rollId);
    const answer = this.answers.shift() || { outcome: Outcome.RECORDED, status: 200, body: {} };
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

const roll = id => ({ rollId: id });
const timers = [];
const setTimer = (callback, ms) => timers.push({ callback, ms });

test('rolls go out one at a time, in order', async () => {
  const tavern = new ScriptedTavern();
  const queue = new RollQueue({ client: tavern, storage: new MemoryStorage(), setTimer });
  queue.add(roll('a'), roll('b'));
  queue.add(roll('c'));
  await queue.flush();
  await waitUntil(() => queue.length === 0);
  assert.deepEqual(tavern.sent, ['a', 'b', 'c']);
});

test('rolls queued while Tavern is unreachable survive a reload and go out in order when it returns', async () => {
  const storage = new MemoryStorage();
  timers.length = 0;
  const away = new ScriptedTavern({ outcome: Outcome.UNAVAILABLE, status: 0, body: { error: 'Failed to fetch' } });
  const before = new RollQueue({ client: away, storage, setTimer });
  before.add(roll('a'), roll('b'), roll('c'));
  await waitUntil(() => timers.length === 1);
  assert.equal(timers[0].ms, 1000, 'retried after a back-off');

  const back = new ScriptedTavern();
  const afterReload = new RollQueue({ client: back, storage, setTimer });
  assert.equal(afterReload.length, 3);
  await afterReload.flush();
  assert.deepEqual(back.sent, ['a', 'b', 'c']);
  assert.equal(new RollQueue({ client: back, storage, setTimer }).length, 0);
});

test('the queue is bounded: past its capacity the oldest rolls go', async () => {
  const away = new ScriptedTavern(...Array(10).fill({ outcome: Outcome.UNAVAILABLE, status: 503, body: {} }));
  const queue = new RollQueue({ client: away, storage: new MemoryStorage(), capacity: 3, setTimer: () => {} });
  queue.add(roll('1'), roll('2'), roll('3'), roll('4'), roll('5'));
  assert.equal(queue.length, 3);
  assert.equal(queue.dropped, 2);
  assert.deepEqual(queue.rolls.map(r => r.rollId), ['3', '4', '5']);
});

test('a 429 waits exactly its Retry-After, keeping the roll', async () => {
  timers.length = 0;
  const limited = new ScriptedTavern({ outcome: Outcome.LIMITED, status: 429, body: { retryAfter: 17 }, retryAfterSeconds: 17 });
  const queue = new RollQueue({ client: limited, storage: new MemoryStorage(), setTimer });
  queue.add(roll('a'));
  await waitUntil(() => timers.length === 1);
  assert.equal(timers[0].ms, 17000);
  assert.equal(queue.length, 1);
  await timers[0].callback();
  await waitUntil(() => queue.length === 0);
  assert.deepEqual(limited.sent, ['a', 'a']);
});

test('a 401 stops sending, tells the GM once, keeps the rolls, and a new key resumes', async () => {
  let told = 0;
  const refused = new ScriptedTavern({ outcome: Outcome.UNAUTHORIZED, status: 401, body: { error: 'Invalid API Key' } });
  const queue = new RollQueue({ client: refused, storage: new MemoryStorage(), setTimer, onUnauthorized: () => told++ });
  queue.add(roll('a'));
  queue.add(roll('b'));
  await waitUntil(() => queue.stopped);
  assert.equal(told, 1);
  assert.deepEqual(refused.sent, ['a']);
  assert.equal(queue.length, 2);

  const fixed = new ScriptedTavern();
  queue.resume(fixed);
  await waitUntil(() => queue.length === 0);
  assert.deepEqual(fixed.sent, ['a', 'b']);
});

test('a roll Tavern refuses for good (400, 404, 422) is dropped and the next goes out', async () => {
  const refusals = [];
  const tavern = new ScriptedTavern({ outcome: Outcome.REJECTED, status: 422, body: { error: 'Validation failed' } });
  const queue = new RollQueue({ client: tavern, storage: new MemoryStorage(), setTimer, onRejected: status => refusals.push(status) });
  queue.add(roll('bad'), roll('good'));
  await waitUntil(() => queue.length === 0);
  assert.deepEqual(tavern.sent, ['bad', 'good']);
  assert.deepEqual(refusals, [422]);
});

test('nothing throws out of the queue: a failing client or listener is only a failed attempt', async () => {
  timers.length = 0;
  const broken = new ScriptedTavern(new TypeError('boom'), { outcome: Outcome.UNAUTHORIZED, status: 401, body: {} });
  const queue = new RollQueue({ client: broken, storage: brokenStorage(), setTimer, onUnauthorized: () => { throw new Error('listener'); } });
  assert.doesNotThrow(() => queue.add(roll('a')));
  await waitUntil(() => timers.length === 1);
  await assert.doesNotReject(timers[0].callback());
  assert.equal(queue.stopped, true);
});

function brokenStorage() {
  return { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); } };
}

async function waitUntil(condition, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(resolve => setImmediate(resolve));
  }
}
