// Tavern's VTT webhook API, as docs/vtt-modules.md describes it: POST /webhooks/vtt/test and
// /webhooks/vtt/dice-roll with the connection's API key as a Bearer header. Browser fetch, no
// cookies: Tavern answers these paths cross-origin from any origin.

/** What an answer means for the module. */
export const Outcome = Object.freeze({
  RECORDED: 'recorded', // 200: stored once (a repeated rollId answers the first recording)
  REJECTED: 'rejected', // 400, 404, 413, 422: sending it again cannot succeed
  UNAUTHORIZED: 'unauthorized', // 401: wrong, rotated or revoked key; stop until the GM fixes it
  LIMITED: 'limited', // 429: wait Retry-After seconds
  UNAVAILABLE: 'unavailable' // network error, 5xx: Tavern is unreachable for now; try again later
});

export class TavernClient {
  /**
   * @param {object} options
   * @param {string} options.url Tavern's ingest address, e.g. https://vtt.tavern.example
   * @param {string} options.apiKey the connection's ta_... key
   * @param {Function} [options.fetch] the fetch to use (the browser's by default)
   * @param {number} [options.timeoutMs] per request
   */
  constructor({ url, apiKey, fetch = (...args) => globalThis.fetch(...args), timeoutMs = 10000 }) {
    this.url = String(url || '').replace(/\/+$/, '');
    this.apiKey = apiKey || '';
    this.fetch = fetch;
    this.timeoutMs = timeoutMs;
  }

  /** POST /webhooks/vtt/test: the connection's name on success. */
  testConnection() {
    return this.#post('/webhooks/vtt/test', undefined);
  }

  /** POST /webhooks/vtt/dice-roll with one roll's body. */
  postRoll(body) {
    return this.#post('/webhooks/vtt/dice-roll', JSON.stringify(body));
  }

  async #post(path, body) {
    if (!this.url || !this.apiKey) {
      return { outcome: Outcome.UNAUTHORIZED, status: 0, body: { error: 'Tavern URL or API key not set' } };
    }
    let response;
    try {
      response = await this.fetch(this.url + path, {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + this.apiKey, 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs)
      });
    } catch (error) {
      return { outcome: Outcome.UNAVAILABLE, status: 0, body: { error: String(error && error.message || error) } };
    }
    const answer = await response.json().catch(() => ({}));
    return { outcome: outcomeOf(response.status), status: response.status, body: answer, retryAfterSeconds: retryAfter(response, answer) };
  }
}

function outcomeOf(status) {
  if (status >= 200 && status < 300) return Outcome.RECORDED;
  if (status === 401) return Outcome.UNAUTHORIZED;
  if (status === 429) return Outcome.LIMITED;
  if (status === 400 || status === 404 || status === 413 || status === 422) return Outcome.REJECTED;
  return Outcome.UNAVAILABLE;
}

/** Seconds from the Retry-After header, else the body's retryAfter; 60 when neither says. */
function retryAfter(response, answer) {
  const header = Number(response.headers.get('Retry-After'));
  if (Number.isFinite(header) && header >= 0) return header;
  const field = Number(answer && answer.retryAfter);
  return Number.isFinite(field) && field >= 0 ? field : 60;
}

/** What "Test connection" shows for an answer: a localization key and its data. */
export function testConnectionMessage(answer) {
  if (answer.outcome === Outcome.RECORDED) {
    const connection = answer.body.connection || {};
    return { key: 'TAVERN.Settings.Connected', data: { name: connection.name, provider: connection.provider } };
  }
  if (answer.outcome === Outcome.UNAVAILABLE && answer.status === 0) {
    return { key: 'TAVERN.Settings.Unreachable', data: { error: answer.body.error } };
  }
  return { key: 'TAVERN.Settings.Failed', data: { status: answer.status, error: answer.body.error || answer.body.message || '' } };
}
