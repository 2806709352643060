/**
 * Hand-off summaries to a ticketing system's incoming webhook, as JSON.
 * Without a URL it reports 'not-configured' and the summary stays in chat.
 */
import type { HandoffSummary } from '../core/contract.js';
import type { HandoffSink } from '../core/create-conversation.js';
import { boundedFetch } from './bounded-fetch.js';

const TIMEOUT_MS = 5_000;

export function createWebhookHandoff(
  url: string | undefined,
  // Each attempt within TIMEOUT_MS, one retry on a network failure, 429 or 5xx.
  fetchImpl: typeof fetch = boundedFetch({ timeoutMs: TIMEOUT_MS, attempts: 2 }),
): HandoffSink {
  return {
    async deliver(summary: HandoffSummary) {
      if (!url) return 'not-configured';
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'wuerror.handoff', ...summary }),
      });
      if (!response.ok) throw new Error(`helpdesk webhook answered HTTP ${response.status}`);
      return 'webhook';
    },
  };
}
