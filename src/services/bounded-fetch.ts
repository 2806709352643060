/**
 * `fetch` with a time limit per attempt and a bounded retry, for every
 * outbound call we make ourselves (Slack's response_url, the hand-off
 * webhook, the Slack Web API's transport). A peer that accepts and never
 * answers costs at most `attempts x timeoutMs` plus the pauses, never a turn
 * held for minutes. Only what may be retried safely is: network failures,
 * timeouts, 429 and 5xx answers (the platforms dedupe by their ids).
 */
export interface BoundedFetchOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all (1: no retry). */
  attempts?: number;
  /** Pause before the second attempt; doubles after each. */
  backoffMs?: number;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 5_000;

export function boundedFetch(options: BoundedFetchOptions = {}): typeof fetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempts = Math.max(1, options.attempts ?? 2);
  const backoffMs = options.backoffMs ?? 250;
  const fetchImpl = options.fetchImpl ?? fetch;
  return async (input, init = {}) => {
    let pause = backoffMs;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      try {
        const response = await fetchImpl(input, { ...init, signal });
        const retriable = response.status === 429 || response.status >= 500;
        if (!retriable || attempt >= attempts) return response;
      } catch (error) {
        // The caller's own abort is final; our timeout and network failures are retried.
        if (init.signal?.aborted || attempt >= attempts) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause *= 2;
    }
  };
}
