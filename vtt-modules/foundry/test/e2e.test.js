// The module's network code against a running vtt-ingest-service, through each documented answer.
// The Java test FoundryModuleTest (local-stack) starts the service, sets up a tenant and runs this
// with TAVERN_URL, TAVERN_API_KEY, TAVERN_LIMITS_API_KEY (a connection of its own, to exhaust)
// and TAVERN_WORLD_ID; without them these tests are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { Outcome, TavernClient, testConnectionMessage } from '../scripts/client.js';
import { mapMessage } from '../scripts/mapping.js';
import { RollQueue } from '../scripts/queue.js';

const { TAVERN_URL: url, TAVERN_API_KEY: apiKey, TAVERN_LIMITS_API_KEY: limitsKey, TAVERN_WORLD_ID: worldId } = process.env;
const skip = url ? false : 'TAVERN_URL is not set: no running vtt-ingest-service to test against';

const fixture = name => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const unique = message => ({ ...message, _id: message._id + Math.random().toString(36).slice(2, 8) });
const storage = () => ({ items: {}, getItem(k) { return this.items[k] ?? null; }, setItem(k, v) { this.items[k] = v; } });

test('Test connection shows the connection\'s name', { skip }, async () => {
  const answer = await new TavernClient({ url, apiKey }).testConnection();
  assert.equal(answer.outcome, Outcome.RECORDED);
  assert.deepEqual(testConnectionMessage(answer), {
    key: 'TAVERN.Settings.Connected', data: { name: `Connection for ${worldId}`, provider: 'Foundry VTT' }
  });
});

test('200: a mapped chat message is recorded, and the same message again answers the first recording', { skip }, async () => {
  const client = new TavernClient({ url, apiKey });
  const [body] = mapMessage(unique(fixture('dnd5e-attack-advantage-nat20')), { worldId, systemId: 'dnd5e' });
  const first = await client.postRoll(body);
  assert.equal(first.outcome, Outcome.RECORDED, JSON.stringify(first.body));
  assert.match(first.body.rollId, /^[0-9a-f-]{36}$/);
  const again = await client.postRoll(body);
  assert.equal(again.body.rollId, first.body.rollId);
});

test('401: a wrong key stops the queue and tells the GM once; the error shows in Test connection', { skip }, async () => {
  const client = new TavernClient({ url, apiKey: 'ta_' + '0'.repeat(40) });
  const answer = await client.testConnection();
  assert.equal(answer.outcome, Outcome.UNAUTHORIZED);
  assert.deepEqual(testConnectionMessage(answer), { key: 'TAVERN.Settings.Failed', data: { status: 401, error: 'Invalid API Key' } });

  let told = 0;
  const queue = new RollQueue({ client, storage: storage(), onUnauthorized: () => told++ });
  queue.add(...mapMessage(unique(fixture('core-public-1d20')), { worldId }));
  queue.add(...mapMessage(unique(fixture('core-public-1d20')), { worldId }));
  await until(() => queue.stopped);
  assert.equal(told, 1);
  assert.equal(queue.length, 2, 'kept for when the key is fixed');
});

test('404: a world Tavern has no campaign for is refused for good and the queue moves on', { skip }, async () => {
  const refusals = [];
  const queue = new RollQueue({ client: new TavernClient({ url, apiKey }), storage: storage(), onRejected: (status, body) => refusals.push([status, body]) });
  queue.add(...mapMessage(unique(fixture('core-public-1d20')), { worldId: 'a-world-tavern-does-not-know' }));
  queue.add(...mapMessage(unique(fixture('core-public-1d20')), { worldId }));
  await until(() => queue.length === 0);
  assert.deepEqual(refusals, [[404, { error: 'Campaign not found', message: 'No campaign found for VTT campaign ID: a-world-tavern-does-not-know' }]]);
});

test('422: an inconsistent roll is refused with the field named', { skip }, async () => {
  const [body] = mapMessage(unique(fixture('core-public-1d20')), { worldId });
  const answer = await new TavernClient({ url, apiKey }).postRoll({ ...body, isCritical: false, criticalType: 'success' });
  assert.equal(answer.outcome, Outcome.REJECTED);
  assert.equal(answer.status, 422);
  assert.ok(answer.body.details.criticalType, JSON.stringify(answer.body));
});

test('429: the queue waits exactly the Retry-After Tavern answers, then goes on', { skip }, async () => {
  const waits = [];
  const queue = new RollQueue({ client: new TavernClient({ url, apiKey: limitsKey }), storage: storage(), capacity: 300,
    setTimer: (callback, ms) => waits.push({ callback, ms }) });
  // 120 a minute: past 240 at most one window can have turned meanwhile.
  for (let i = 0; i < 250; i++) queue.add(...mapMessage(unique(fixture('core-public-1d20')), { worldId }));
  await until(() => waits.length === 1, 60000);
  assert.ok(waits[0].ms >= 1000 && waits[0].ms <= 60000, `waits ${waits[0].ms} ms`);
  assert.ok(queue.length > 0 && queue.length <= 130, `${queue.length} left`);
  const answer = await new TavernClient({ url, apiKey: limitsKey }).postRoll(queue.rolls[0]);
  assert.equal(answer.outcome, Outcome.LIMITED);
  assert.ok(Math.abs(answer.retryAfterSeconds * 1000 - waits[0].ms) <= 1000, `${answer.retryAfterSeconds} s against ${waits[0].ms} ms`);
});

async function until(condition, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
