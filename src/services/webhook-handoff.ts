/**
 * Hand-off summaries to a ticketing system's incoming webhook, as JSON.
 * Without a URL it reports 'not-configured' and the summary stays in chat.
 */
import type { HandoffSummary } from '../core/contract.js';
import type { HandoffSink } from '../core/create-conversation.js';

const TIMEOUT_MS = 5_000;

export function createWebhookHandoff(
  url: string | undefined,
  fetchImpl: typeof fetch = fetch,
): HandoffSink {
  return {
    async deliver(summary: HandoffSummary) {
      if (!url) return 'not-configured';
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'wuerror.handoff', ...summary }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`helpdesk webhook answered HTTP ${response.status}`);
      return 'webhook';
    },
  };
}
