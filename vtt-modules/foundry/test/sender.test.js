// One client sends: the active GM's, never a player's, never a second GM's.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sendsRolls } from '../scripts/sender.js';

const gm = { id: 'gmUserAb12Cd34Ef', isGM: true };
const assistant = { id: 'gmUserZz99Yy88Xx', isGM: true };
const player = { id: 'plyrUsr9Gh87Ij65', isGM: false };

test('with one GM connected, only the GM\'s client sends', () => {
  assert.equal(sendsRolls(gm, gm), true);
  assert.equal(sendsRolls(player, gm), false);
});

test('with two GMs connected, only the one Foundry designates sends', () => {
  assert.equal(sendsRolls(gm, gm), true);
  assert.equal(sendsRolls(assistant, gm), false);
});

test('players never send, even with no GM connected', () => {
  assert.equal(sendsRolls(player, null), false);
  assert.equal(sendsRolls(player, undefined), false);
});
