/**
 * What a hand-off leaves behind in the state store, under `handoff:<flowId>`,
 * so the ticketing system's status callback can reach the person later, from
 * any instance and after a restart: where to post (the platform's own
 * address) and what the case was about.
 */
import type { Code } from '../knowledge/schema.js';
import type { StateStore } from '../storage/state-store.js';
import type { HandoffAddress, Ticket } from './contract.js';

export interface HandoffRecord {
  flowId: string;
  conversationId: string;
  address: HandoffAddress;
  error: { code: Code; title: string } | null;
  ticket?: Ticket | undefined;
}

/** Hand-offs are kept for a while after the last news about them. */
export const HANDOFF_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const handoffKey = (flowId: string) => `handoff:${flowId}`;

export async function saveHandoffRecord(store: StateStore, record: HandoffRecord): Promise<void> {
  const key = handoffKey(record.flowId);
  const existing = await store.load(key);
  await store.save(key, record, existing?.version ?? null, { ttlMs: HANDOFF_TTL_MS });
}

export async function loadHandoffRecord(
  store: StateStore,
  flowId: string,
): Promise<HandoffRecord | null> {
  return (await store.load<HandoffRecord>(handoffKey(flowId)))?.value ?? null;
}
