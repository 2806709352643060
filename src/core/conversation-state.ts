/**
 * What the bot remembers per conversation, and how it goes through the state
 * seam (`StateStore`): loaded with its version, saved with compare-and-set.
 */
import type { Code } from '../knowledge/schema.js';
import type { StateStore } from '../storage/state-store.js';
import type { HandoffSummary, Reply, TriedStep, Turn } from './contract.js';

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
  /**
   * The last card posted with live buttons: its platform id (Teams activity
   * id, Slack ts) and the reply it showed, so its buttons come off when the
   * flow moves on, whatever moved it.
   */
  lastCard: { id: string; reply: Reply } | null;
  /** What is known for a hand-off from anywhere: recent words, rejected and pasted codes. */
  notes: ConversationNotes;
}

export interface ConversationNotes {
  said: string[];
  rejected: Code[];
  codes: Code[];
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

export const EMPTY_NOTES: ConversationNotes = { said: [], rejected: [], codes: [] };

export const EMPTY_STATE: ConversationState = {
  flow: null,
  confirm: null,
  lastHandoff: null,
  lastCard: null,
  notes: EMPTY_NOTES,
};

/** How much of the person's own words a hand-off carries. */
const MAX_SAID = 5;
const MAX_SAID_CHARS = 500;
const MAX_CODES = 10;

const lastOf = <T>(values: T[], max: number) => values.slice(Math.max(0, values.length - max));
const unique = <T>(values: T[]) => [...new Set(values)];

/** The state with the turn's words and codes noted (bounded, newest kept). */
export function noteSaid(
  state: ConversationState,
  text: string,
  codes: Code[] = [],
): ConversationState {
  const words = text.trim().slice(0, MAX_SAID_CHARS);
  const notes = state.notes;
  return {
    ...state,
    notes: {
      ...notes,
      said: words ? lastOf([...notes.said, words], MAX_SAID) : notes.said,
      codes: lastOf(unique([...notes.codes, ...codes]), MAX_CODES),
    },
  };
}

/** The state with candidates the person turned down noted. */
export function noteRejected(state: ConversationState, codes: Code[]): ConversationState {
  const notes = state.notes;
  return {
    ...state,
    notes: { ...notes, rejected: lastOf(unique([...notes.rejected, ...codes]), MAX_CODES) },
  };
}

export interface LoadedState {
  state: ConversationState;
  /** The store's version of what was loaded; null when nothing was stored. */
  version: string | null;
}

const keyFor = (conversationId: string) => `wuerror/conversation/${conversationId}`;

export async function loadState(store: StateStore, conversationId: string): Promise<LoadedState> {
  const stored = await store.load<Partial<ConversationState>>(keyFor(conversationId));
  if (!stored) return { state: EMPTY_STATE, version: null };
  const value = stored.value;
  return {
    state: { ...EMPTY_STATE, ...value, notes: { ...EMPTY_NOTES, ...value.notes } },
    version: stored.version,
  };
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
  ttlMs?: number,
): Promise<string> {
  return store.save(keyFor(conversationId), state, version, ttlMs ? { ttlMs } : {});
}
