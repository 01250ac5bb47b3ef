// The rolls on their way to Tavern: kept in order in the browser's storage (so a page reload
// loses none), bounded, and sent one at a time. A 429 waits its Retry-After, an unreachable
// Tavern is retried with back-off, a 401 stops sending (the GM is told once), and nothing
// here ever throws into the game.
import { Outcome } from './client.js';

const STORAGE_KEY = 'tavern-vtt.queue';

export class RollQueue {
  /**
   * @param {object} options
   * @param {{postRoll: Function}} options.client
   * @param {Storage} options.storage where the queue survives a reload (the browser's localStorage)
   * @param {number} [options.capacity] rolls kept while Tavern is unreachable; past it the oldest go
   * @param {Function} [options.onUnauthorized] told once when Tavern refuses the key
   * @param {Function} [options.onRejected] told of a roll Tavern refused for good (status, body, roll)
   * @param {Function} [options.setTimer] (callback, ms) => void, for tests
   */
  constructor({ client, storage, capacity = 500, onUnauthorized = () => {}, onRejected = () => {}, setTimer = (f, ms) => setTimeout(f, ms) }) {
    this.client = client;
    this.storage = storage;
    this.capacity = capacity;
    this.onUnauthorized = onUnauthorized;
    this.onRejected = onRejected;
    this.setTimer = setTimer;
    this.rolls = this.#load();
    this.dropped = 0;
    this.sending = false;
    this.stopped = false;
    this.backoffMs = 1000;
  }

  get length() {
    return this.rolls.length;
  }

  /** Queues the rolls (in order) and starts sending. */
  add(...bodies) {
    for (const body of bodies) {
      this.rolls.push(body);
      if (this.rolls.length > this.capacity) {
        this.rolls.shift();
        this.dropped++;
      }
    }
    this.#save();
    this.flush();
  }

  /** Sending again after a 401, once the GM has set a new key. */
  resume(client = this.client) {
    this.client = client;
    this.stopped = false;
    this.flush();
  }

  /** Sends what is queued, in order; resolves once the queue is empty or sending must wait. */
  async flush() {
    if (this.sending || this.stopped) return;
    this.sending = true;
    try {
      while (this.rolls.length > 0 && !this.stopped) {
        const answer = await this.#send(this.rolls[0]);
        if (answer.outcome === Outcome.RECORDED || answer.outcome === Outcome.REJECTED) {
          if (answer.outcome === Outcome.REJECTED) this.#tell(this.onRejected, answer.status, answer.body, this.rolls[0]);
          this.rolls.shift();
          this.#save();
          this.backoffMs = 1000;
        } else if (answer.outcome === Outcome.UNAUTHORIZED) {
          this.stopped = true;
          this.#tell(this.onUnauthorized, answer.body);
        } else {
          const waitMs = answer.outcome === Outcome.LIMITED ? answer.retryAfterSeconds * 1000 : this.#nextBackoff();
          this.setTimer(() => this.flush(), waitMs);
          return;
        }
      }
    } finally {
      this.sending = false;
    }
  }

  async #send(body) {
    try {
      return await this.client.postRoll(body);
    } catch (error) {
      return { outcome: Outcome.UNAVAILABLE, status: 0, body: { error: String(error) } };
    }
  }

  #nextBackoff() {
    const waitMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 60000);
    return waitMs;
  }

  #tell(listener, ...details) {
    try {
      listener(...details);
    } catch (error) {
      console.warn('Tavern | a listener failed', error);
    }
  }

  #load() {
    try {
      const saved = JSON.parse(this.storage.getItem(STORAGE_KEY) || '[]');
      return Array.isArray(saved) ? saved.slice(-this.capacity) : [];
    } catch (error) {
      return [];
    }
  }

  #save() {
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(this.rolls));
    } catch (error) {
      console.warn('Tavern | the roll queue could not be saved', error);
    }
  }
}
