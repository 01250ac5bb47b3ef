// Which connected client posts the world's rolls: exactly one, so a roll is never posted once per
// connected player. Foundry runs every hook on every client; this picks the active GM's.

/**
 * @param {{id: string, isGM: boolean}} user this client's user
 * @param {{id: string}|undefined|null} activeGM Foundry's `game.users.activeGM`: the GM it designates among those
 *        connected (the one with the lowest id), if any
 */
export function sendsRolls(user, activeGM) {
  return Boolean(user && user.isGM) && (!activeGM || activeGM.id === user.id);
}
