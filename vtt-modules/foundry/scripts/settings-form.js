// The settings form's data, apart from Foundry so the form can be rendered outside it (the
// documentation's screenshot, tests).
import { ROLL_KINDS } from './mapping.js';

/** The template's data: also what the settings test page renders. */
export function settingsContext({ url, apiKey, enabled, kinds }, testResult = '') {
  return {
    url, apiKey, enabled, testResult,
    kinds: ROLL_KINDS.map(kind => ({ kind, enabled: kinds?.[kind] !== false, label: `TAVERN.Settings.Kinds.${kind}` }))
  };
}
