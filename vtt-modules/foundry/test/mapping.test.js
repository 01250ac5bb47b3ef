// The mapping, over recorded chat messages (fixtures/README.md names the structures they follow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { kindOf, mapMessage } from '../scripts/mapping.js';

const fixture = name => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const map = (name, systemId = null) => mapMessage(fixture(name), { worldId: 'moria-world', systemId });

test('a public roll becomes the documented body, keyed by world, speaker and message', () => {
  assert.deepEqual(map('core-public-1d20', 'worldbuilding'), [{
    campaignId: 'moria-world',
    characterId: 'actGimli00000001',
    characterName: 'Gimli',
    rollId: 'pubRoll000000001-0',
    rollFormula: '1d20 + 5',
    result: 18,
    diceResults: [13],
    isCritical: false,
    criticalType: null,
    isHidden: false,
    rollType: null,
    metadata: { flavor: null, foundryMessageId: 'pubRoll000000001', rollIndex: 0, system: 'worldbuilding' }
  }]);
});

test('whispered (GM), blind and self rolls are hidden', () => {
  for (const name of ['core-whisper-gmroll', 'core-blindroll', 'core-selfroll']) {
    assert.equal(map(name)[0].isHidden, true, name);
  }
  assert.equal(map('core-public-1d20')[0].isHidden, false);
});

test('each roll of a message is its own body, with the roll index in its rollId', () => {
  const bodies = map('core-two-rolls');
  assert.deepEqual(bodies.map(b => [b.rollId, b.rollFormula, b.result, b.diceResults]),
    [['twoRolls00000001-0', '1d20 + 5', 18, [13]], ['twoRolls00000001-1', '2d6', 5, [4, 1]]]);
});

test('the same message mapped again gives the same rollIds, so Tavern records it once', () => {
  assert.deepEqual(map('core-two-rolls').map(b => b.rollId), map('core-two-rolls').map(b => b.rollId));
});

test('a speaker with no actor or token is the message author, under its alias; a natural 1 is a critical failure', () => {
  const [body] = map('core-no-speaker-actor');
  assert.equal(body.characterId, 'user-plyrUsr9Gh87Ij65');
  assert.equal(body.characterName, 'Narrator');
  assert.equal(body.isCritical, true);
  assert.equal(body.criticalType, 'failure');
});

test('dnd5e: an attack with advantage keeps the higher die only, is a critical success on the 20, of kind attack', () => {
  const [body] = map('dnd5e-attack-advantage-nat20', 'dnd5e');
  assert.equal(body.rollFormula, '2d20kh + 5');
  assert.equal(body.result, 25);
  assert.deepEqual(body.diceResults, [20]);
  assert.equal(body.isCritical, true);
  assert.equal(body.criticalType, 'success');
  assert.equal(body.rollType, 'attack');
  assert.equal(body.metadata.flavor, 'Longsword - Attack Roll (Advantage)');
  assert.equal(kindOf(body), 'attack');
});

test('dnd5e: a saving throw on a natural 1 is a critical failure of kind save', () => {
  const [body] = map('dnd5e-save-nat1', 'dnd5e');
  assert.deepEqual([body.isCritical, body.criticalType, body.rollType], [true, 'failure', 'save']);
});

test('dnd5e: a damage roll lists every die of every type and is no critical', () => {
  const [body] = map('dnd5e-damage', 'dnd5e');
  assert.deepEqual(body.diceResults, [6, 2, 5]);
  assert.equal(body.result, 16);
  assert.deepEqual([body.isCritical, body.criticalType, body.rollType], [false, null, 'damage']);
});

test('dnd5e: a lowered critical threshold (4.1+ criticalSuccess, 3.x critical) and a critical damage roll are what the system says', () => {
  const lowered = fixture('dnd5e-attack-advantage-nat20');
  const roll = JSON.parse(lowered.rolls[0]);
  roll.options.criticalSuccess = 19;
  roll.terms[0].results = [{ result: 19, active: true }, { result: 3, active: false, discarded: true }];
  lowered.rolls = [JSON.stringify(roll)];
  assert.equal(mapMessage(lowered, { worldId: 'w' })[0].criticalType, 'success');
  roll.options.criticalSuccess = 20;
  lowered.rolls = [JSON.stringify(roll)];
  assert.equal(mapMessage(lowered, { worldId: 'w' })[0].criticalType, null);

  const oldSave = fixture('dnd5e-save-nat1');
  const save = JSON.parse(oldSave.rolls[0]);
  save.options.critical = 19;
  save.terms[0].results = [{ result: 19, active: true }];
  oldSave.rolls = [JSON.stringify(save)];
  assert.equal(mapMessage(oldSave, { worldId: 'w' })[0].criticalType, 'success');

  const criticalDamage = fixture('dnd5e-damage');
  const damage = JSON.parse(criticalDamage.rolls[0]);
  damage.options.isCritical = true;
  criticalDamage.rolls = [JSON.stringify(damage)];
  assert.equal(mapMessage(criticalDamage, { worldId: 'w' })[0].criticalType, 'success');
});

test('pf2e: the degree of success decides criticals, not the die', () => {
  const [strike] = map('pf2e-strike-critical-success', 'pf2e');
  assert.deepEqual([strike.isCritical, strike.criticalType, strike.rollType, strike.characterName], [true, 'success', 'attack', 'Valeros']);
  assert.equal(strike.metadata.flavor, 'Melee Strike: Longsword');
  assert.ok(fixture('pf2e-strike-critical-success').flavor.includes('(AC 16)'), 'the fixture has GM-only text');
  const [skill] = map('pf2e-skill-check', 'pf2e');
  assert.deepEqual([skill.isCritical, skill.criticalType, skill.rollType], [false, null, 'skill']);
});

test('the flavor never carries what the system shows the GM only', () => {
  const message = fixture('pf2e-skill-check');
  message.flavor = message.flavor.replace(/<h4[\s\S]*?<\/h4>/, '');
  const [body] = mapMessage(message, { worldId: 'w' });
  assert.ok(!body.metadata.flavor.includes('DC 30'), body.metadata.flavor);
  assert.ok(body.metadata.flavor.includes('Result: Success'), body.metadata.flavor);
});

test('core initiative rolls are of kind initiative', () => {
  const message = fixture('core-public-1d20');
  message.flags = { core: { initiativeRoll: true } };
  assert.equal(kindOf(mapMessage(message, { worldId: 'w' })[0]), 'initiative');
});

test('a roll without dice, a total that is not a number, or a roll that is not JSON sends nothing', () => {
  const message = fixture('core-public-1d20');
  message.rolls = [
    JSON.stringify({ class: 'Roll', formula: '5', terms: [{ class: 'NumericTerm', number: 5 }], total: 5 }),
    JSON.stringify({ class: 'Roll', formula: '1d6', terms: [{ class: 'Die', faces: 6, results: [{ result: 3, active: true }] }], total: null }),
    '{not json'
  ];
  assert.deepEqual(mapMessage(message, { worldId: 'w' }), []);
  assert.deepEqual(mapMessage({ _id: 'noRolls', speaker: {} }, { worldId: 'w' }), []);
});

test('long names and formulas are cut to what Tavern accepts; names in other scripts pass through', () => {
  const message = fixture('core-public-1d20');
  message.speaker.alias = 'ギムリ・グローインの息子'.repeat(30);
  const roll = JSON.parse(message.rolls[0]);
  roll.formula = '1d20 + 5'.repeat(100);
  message.rolls = [JSON.stringify(roll)];
  const [body] = mapMessage(message, { worldId: 'w' });
  assert.equal(body.characterName.length, 200);
  assert.ok(body.characterName.startsWith('ギムリ'));
  assert.equal(body.rollFormula.length, 500);
});
