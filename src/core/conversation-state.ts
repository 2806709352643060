/**
 * What the bot remembers per conversation, and where it keeps it. The store
 * seam has the shape of botbuilder's `Storage` (read/write/delete of items
 * with eTags), so MemoryStorage and the SQLite storage both fit without the
 * core importing botbuilder.
 */
import type { Code } from '../knowledge/schema.js';
import type { HandoffSummary, TriedStep } from './contract.js';

export interface FlowState {
  id: string;
  code: Code;
  /** 0-based index of the current step; equal to `total` once every step was tried. */
  step: number;
  total: number;
  tried: TriedStep[];
  status: 'active' | 'fixed' | 'handed-off';
  startedBy: { id: string; name?: string | undefined };
  startedAt: string;
}

export interface ConversationState {
  flow: FlowState | null;
  /** A symptom match waiting for "is that it?". */
  confirm: { flowId: string; candidates: Code[] } | null;
  /** The last hand-off, kept so a summary can be shown again. */
  lastHandoff: HandoffSummary | null;
}

export const EMPTY_STATE: ConversationState = { flow: null, confirm: null, lastHandoff: null };

/** Structural twin of botbuilder's Storage. */
export interface KeyValueStorage {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export interface StoredState {
  state: ConversationState;
  eTag: string | undefined;
}

const keyFor = (conversationId: string) => `wuerror/conversation/${conversationId}`;

export async function readState(
  storage: KeyValueStorage,
  conversationId: string,
): Promise<StoredState> {
  const key = keyFor(conversationId);
  const item = (await storage.read([key]))[key] as
    | (ConversationState & { eTag?: string })
    | undefined;
  if (!item) return { state: EMPTY_STATE, eTag: undefined };
  const { eTag, ...state } = item;
  return { state: { ...EMPTY_STATE, ...state }, eTag };
}

/**
 * Writes only if nobody else wrote since we read (eTag), so two quick clicks
 * on one card cannot both advance the flow. With nothing stored yet there is
 * no eTag to compare, so the first write is unconditional ("*").
 */
export async function writeState(
  storage: KeyValueStorage,
  conversationId: string,
  state: ConversationState,
  eTag: string | undefined,
): Promise<void> {
  await storage.write({ [keyFor(conversationId)]: { ...state, eTag: eTag ?? '*' } });
}

/** botbuilder's MemoryStorage and our SQLite storage both say "eTag conflict". */
export function isConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}
