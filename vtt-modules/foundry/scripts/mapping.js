// From a Foundry chat message (its stored data, `message.toObject()`) to the bodies of Tavern's
// POST /webhooks/vtt/dice-roll, one per roll, as docs/vtt-modules.md defines them. Pure: no
// Foundry globals, so it is tested against recorded messages.

/** The roll kinds a GM can choose to send; a roll of no known kind is "other". */
export const ROLL_KINDS = Object.freeze(['attack', 'damage', 'save', 'skill', 'ability', 'initiative', 'other']);

// What the systems call their roll types, as Tavern's kinds.
const SYSTEM_TYPES = {
  attack: 'attack', 'attack-roll': 'attack', 'spell-attack-roll': 'attack',
  damage: 'damage', 'damage-roll': 'damage', healing: 'damage',
  save: 'save', 'saving-throw': 'save', death: 'save',
  skill: 'skill', 'skill-check': 'skill', 'perception-check': 'skill', tool: 'skill',
  ability: 'ability', check: 'ability', 'ability-check': 'ability',
  initiative: 'initiative'
};

const MAX_DICE = 100;

/**
 * @param {object} message the chat message's data
 * @param {object} context
 * @param {string} context.worldId the campaign id Tavern knows this world by
 * @param {string} [context.systemId] the game system (dnd5e, pf2e, ...)
 * @returns {object[]} one body per roll that has at least one die
 */
export function mapMessage(message, { worldId, systemId = null }) {
  const rolls = (message.rolls || []).map(parseRoll).filter(Boolean);
  const speaker = message.speaker || {};
  const flags = message.flags || {};
  const hidden = (Array.isArray(message.whisper) && message.whisper.length > 0) || message.blind === true;
  const rollType = systemRollType(flags);
  const flavor = plainText(message.flavor);
  return rolls.flatMap((roll, index) => {
    const diceResults = keptResults(roll.terms || []);
    if (diceResults.length === 0 || !Number.isFinite(roll.total)) return [];
    const critical = criticalOf(roll, flags);
    return [{
      campaignId: worldId,
      characterId: speaker.actor || speaker.token || `user-${message.author || message.user || 'unknown'}`,
      characterName: limit(speaker.alias || 'Unknown', 200),
      rollId: `${message._id}-${index}`,
      rollFormula: limit(roll.formula || '', 500),
      result: roll.total,
      diceResults: diceResults.slice(0, MAX_DICE),
      isCritical: critical !== null,
      criticalType: critical,
      isHidden: hidden,
      rollType,
      metadata: {
        flavor: flavor ? limit(flavor, 500) : null,
        foundryMessageId: message._id,
        rollIndex: index,
        system: systemId
      }
    }];
  });
}

/** The kind a body's roll counts as, for the GM's choice of what to send. */
export function kindOf(body) {
  return ROLL_KINDS.includes(body.rollType) ? body.rollType : 'other';
}

function parseRoll(serialized) {
  try {
    const roll = typeof serialized === 'string' ? JSON.parse(serialized) : serialized;
    return roll && typeof roll === 'object' ? roll : null;
  } catch (error) {
    return null;
  }
}

/** Every die's kept results, in formula order; dice inside pools and parentheses included. */
function keptResults(terms) {
  return terms.flatMap(term => {
    if (Array.isArray(term.rolls)) return term.rolls.flatMap(roll => keptResults(parseRoll(roll)?.terms || []));
    if (term.roll) return keptResults(parseRoll(term.roll)?.terms || []);
    if (!Array.isArray(term.results) || !term.faces) return [];
    return term.results.filter(kept).map(result => result.result);
  });
}

function kept(result) {
  return result.active !== false && result.discarded !== true;
}

/**
 * "success", "failure" or null. What the system says wins: pf2e's degree of success; dnd5e's
 * critical thresholds (which a feature may lower to 19) and its critical damage. Otherwise a
 * natural 20 or a natural 1 on the first d20 kept.
 */
function criticalOf(roll, flags) {
  const outcome = flags.pf2e?.context?.outcome;
  if (outcome === 'criticalSuccess') return 'success';
  if (outcome === 'criticalFailure') return 'failure';
  if (outcome) return null;
  const options = roll.options || {};
  if (options.isCritical === true && !hasD20(roll.terms || [])) return 'success';
  const natural = firstKeptD20(roll.terms || []);
  if (natural === null) return null;
  const success = Number(options.criticalSuccess ?? options.critical ?? 20);
  const failure = Number(options.criticalFailure ?? options.fumble ?? 1);
  if (natural >= success) return 'success';
  if (natural <= failure) return 'failure';
  return null;
}

function hasD20(terms) {
  return terms.some(term => term.faces === 20);
}

function firstKeptD20(terms) {
  for (const term of terms) {
    if (term.faces === 20 && Array.isArray(term.results)) {
      const result = term.results.find(kept);
      if (result) return result.result;
    }
  }
  return null;
}

function systemRollType(flags) {
  if (flags.core?.initiativeRoll) return 'initiative';
  const type = flags.dnd5e?.roll?.type ?? flags.pf2e?.context?.type;
  if (typeof type !== 'string' || type === '') return null;
  return SYSTEM_TYPES[type] || limit(type, 100);
}

/**
 * The flavor as text for viewers: a system's title heading when it has one (pf2e's "Melee Strike: Longsword"),
 * and never what the system shows the GM only (pf2e marks the target's AC and the margin data-visibility="gm").
 */
function plainText(html) {
  if (typeof html !== 'string') return null;
  const visible = html.replace(/<(\w+)[^>]*data-visibility="gm"[^>]*>[\s\S]*?<\/\1>/g, ' ');
  const heading = visible.match(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/);
  const text = (heading ? heading[1] : visible).replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ').trim();
  return text || null;
}

function limit(text, length) {
  return String(text).slice(0, length);
}
