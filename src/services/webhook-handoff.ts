/**
 * Hand-off summaries to a ticketing system's incoming webhook, as JSON.
 * Without a URL it reports 'not-configured' and the summary stays in chat.
 * The webhook may answer with the ticket it opened,
 * `{"ticket": {"id": "INC0012345", "url": "https://..."}}`; anything else in
 * the answer is ignored, and a URL that is not http(s) is dropped.
 */
import { z } from 'zod';
import type { HandoffSummary, Ticket } from '../core/contract.js';
import type { HandoffSink } from '../core/create-conversation.js';
import { boundedFetch } from './bounded-fetch.js';

const TIMEOUT_MS = 5_000;

const WebUrl = z
  .string()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url));

const AnswerSchema = z.object({
  ticket: z.object({
    id: z.string().trim().min(1).max(100),
    url: z.unknown().optional(),
  }),
});

/** The ticket in a webhook's answer, or undefined when it names none. */
export function readTicket(body: string): Ticket | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const url = WebUrl.safeParse(parsed.data.ticket.url);
  return { id: parsed.data.ticket.id, ...(url.success ? { url: url.data } : {}) };
}

export function createWebhookHandoff(
  url: string | undefined,
  // Each attempt within TIMEOUT_MS, one retry on a network failure, 429 or 5xx.
  fetchImpl: typeof fetch = boundedFetch({ timeoutMs: TIMEOUT_MS, attempts: 2 }),
): HandoffSink {
  return {
    async deliver(summary: HandoffSummary) {
      if (!url) return { delivered: 'not-configured' };
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'wuerror.handoff', ...summary }),
      });
      if (!response.ok) throw new Error(`helpdesk webhook answered HTTP ${response.status}`);
      const ticket = readTicket(await response.text().catch(() => ''));
      return { delivered: 'webhook', ...(ticket ? { ticket } : {}) };
    },
  };
}
