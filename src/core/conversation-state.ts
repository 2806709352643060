/**
 * What the bot remembers per conversation, and how it goes through the state
 * seam (`StateStore`): loaded with its version, saved with compare-and-set.
 */
import type { Code } from '../knowledge/schema.js';
import type { StateStore } from '../storage/state-store.js';
import type { HandoffSummary, TriedStep, Turn } from './contract.js';

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

/** A fresh flow on a code, at its first step, started by the turn's person. */
export function newFlow(code: FlowState['code'], total: number, turn: Turn, id: string): FlowState {
  return {
    id,
    code,
    step: 0,
    total,
    tried: [],
    status: 'active',
    startedBy: turn.user,
    startedAt: turn.at.toISOString(),
  };
}

export const EMPTY_STATE: ConversationState = { flow: null, confirm: null, lastHandoff: null };

export interface LoadedState {
  state: ConversationState;
  /** The store's version of what was loaded; null when nothing was stored. */
  version: string | null;
}

const keyFor = (conversationId: string) => `wuerror/conversation/${conversationId}`;

export async function loadState(store: StateStore, conversationId: string): Promise<LoadedState> {
  const stored = await store.load<Partial<ConversationState>>(keyFor(conversationId));
  if (!stored) return { state: EMPTY_STATE, version: null };
  return { state: { ...EMPTY_STATE, ...stored.value }, version: stored.version };
}

/**
 * Saves only if nobody else saved since we loaded (compare-and-set on the
 * version), so two quick clicks on one card cannot both advance the flow.
 * The loser gets WuerrorError('STATE_CONFLICT').
 */
export async function saveState(
  store: StateStore,
  conversationId: string,
  state: ConversationState,
  version: string | null,
): Promise<void> {
  await store.save(keyFor(conversationId), state, version);
}
