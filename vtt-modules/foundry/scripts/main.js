// Tavern for Foundry VTT: every chat message with rolls becomes one Tavern dice roll per roll,
// sent from the active GM's browser only (so a roll is never posted once per connected player),
// through a queue that survives Tavern being away and a page reload. Nothing here may interrupt
// the game: every hook catches what it raises.
import { TavernClient } from './client.js';
import { kindOf, mapMessage } from './mapping.js';
import { RollQueue } from './queue.js';
import { sendsRolls } from './sender.js';
import { readSettings, registerSettings } from './settings.js';

let queue = null;
let toldUnauthorized = false;

function client() {
  const { url, apiKey } = readSettings();
  return new TavernClient({ url, apiKey });
}

function isSendingClient() {
  return sendsRolls(game.user, game.users.activeGM);
}

function guarded(name, task) {
  return (...args) => {
    try {
      task(...args);
    } catch (error) {
      console.warn(`Tavern | ${name} failed; the game goes on`, error);
    }
  };
}

Hooks.once('init', guarded('init', () => registerSettings(guarded('settings change', () => {
  toldUnauthorized = false;
  queue?.resume(client());
}))));

Hooks.once('ready', guarded('ready', () => {
  if (!isSendingClient()) return;
  queue = new RollQueue({
    client: client(),
    storage: window.localStorage,
    onUnauthorized: () => {
      if (!toldUnauthorized) ui.notifications.error(game.i18n.localize('TAVERN.Notify.Unauthorized'), { permanent: true });
      toldUnauthorized = true;
    },
    onRejected: (status, body, roll) => console.warn(`Tavern | roll ${roll.rollId} refused (${status})`, body)
  });
  queue.flush();
}));

Hooks.on('createChatMessage', guarded('createChatMessage', message => {
  const settings = readSettings();
  if (!queue || !settings.enabled || !isSendingClient()) return;
  const rolls = mapMessage(message.toObject(), { worldId: game.world.id, systemId: game.system.id })
      .filter(roll => settings.kinds?.[kindOf(roll)] !== false);
  if (rolls.length > 0) queue.add(...rolls);
}));
