// The module's settings. The Tavern URL, on/off and the roll kinds are world settings (the whole
// table shares them). The API key is a client setting: Foundry keeps client settings in the
// browser's localStorage and never sends them to the server or to other players, whereas world
// settings are sent to every connected client. Only the GM's browser sends rolls, so only the GM
// enters the key, once per browser.
import { ROLL_KINDS } from './mapping.js';
import { TavernClient, testConnectionMessage } from './client.js';
import { settingsContext } from './settings-form.js';

export const MODULE_ID = 'tavern-vtt';

export function registerSettings(onConnectionChange) {
  game.settings.register(MODULE_ID, 'url', { scope: 'world', config: false, type: String, default: '', onChange: onConnectionChange });
  game.settings.register(MODULE_ID, 'enabled', { scope: 'world', config: false, type: Boolean, default: true });
  game.settings.register(MODULE_ID, 'kinds', {
    scope: 'world', config: false, type: Object, default: Object.fromEntries(ROLL_KINDS.map(kind => [kind, true]))
  });
  game.settings.register(MODULE_ID, 'apiKey', { scope: 'client', config: false, type: String, default: '', onChange: onConnectionChange });
  game.settings.registerMenu(MODULE_ID, 'connection', {
    name: 'TAVERN.Settings.Menu.Name',
    label: 'TAVERN.Settings.Menu.Label',
    hint: 'TAVERN.Settings.Menu.Hint',
    icon: 'fa-solid fa-dice-d20',
    type: TavernSettings,
    restricted: true
  });
}

export function readSettings() {
  return {
    url: game.settings.get(MODULE_ID, 'url'),
    apiKey: game.settings.get(MODULE_ID, 'apiKey'),
    enabled: game.settings.get(MODULE_ID, 'enabled'),
    kinds: game.settings.get(MODULE_ID, 'kinds')
  };
}

const { ApplicationV2, HandlebarsApplicationMixin } = foundry.applications.api;

/** The "Tavern connection" form, with its "Test connection" button. */
class TavernSettings extends HandlebarsApplicationMixin(ApplicationV2) {
  static DEFAULT_OPTIONS = {
    id: 'tavern-vtt-settings',
    tag: 'form',
    window: { title: 'TAVERN.Settings.Title', icon: 'fa-solid fa-dice-d20' },
    position: { width: 520 },
    form: { handler: TavernSettings.#save, closeOnSubmit: true },
    actions: { testConnection: TavernSettings.#testConnection }
  };

  static PARTS = { form: { template: `modules/${MODULE_ID}/templates/settings.hbs` } };

  async _prepareContext() {
    return settingsContext(readSettings());
  }

  static async #save(event, form, formData) {
    const data = foundry.utils.expandObject(formData.object);
    await game.settings.set(MODULE_ID, 'url', String(data.url || '').trim());
    await game.settings.set(MODULE_ID, 'apiKey', String(data.apiKey || '').trim());
    await game.settings.set(MODULE_ID, 'enabled', Boolean(data.enabled));
    await game.settings.set(MODULE_ID, 'kinds', Object.fromEntries(ROLL_KINDS.map(kind => [kind, Boolean(data.kinds?.[kind])])));
  }

  static async #testConnection() {
    const output = this.element.querySelector('.tavern-test-result');
    const url = this.element.querySelector('[name=url]').value;
    const apiKey = this.element.querySelector('[name=apiKey]').value;
    const message = testConnectionMessage(await new TavernClient({ url, apiKey }).testConnection());
    output.textContent = game.i18n.format(message.key, message.data);
  }
}
