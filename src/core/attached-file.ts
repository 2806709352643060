/**
 * A log file someone attached, as the core sees it: what reading it came to
 * (the adapter downloads it), never the file itself. A readable file is
 * analysed like a paste; anything else gets a reply that says why not.
 */
import { MAX_QUERY_CHARS, type Resolver } from '../resolver/create-resolver.js';
import type { Reply, Turn } from './contract.js';
import { type ConversationState, noteSaid } from './conversation-state.js';

/** What reading an attached file came to: its text, or why there is none. */
export type FileRead =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'etl' }
  | { kind: 'too-large'; limit: number }
  | { kind: 'empty' }
  | { kind: 'binary' }
  | { kind: 'timeout' }
  | { kind: 'unreadable' };

export interface AttachedFile {
  name: string;
  read: FileRead;
}

/** Why a file gave no answer: it could not be read, or it names no failure. */
export type FileProblem = Exclude<FileRead, { kind: 'text' }> | { kind: 'no-error'; bytes: number };

interface Decided {
  state: ConversationState;
  replies: Reply[];
}

/**
 * A message with a file: its words and the file's lines are read together.
 * Unaddressed (a file in a channel thread) it is answered only where the
 * bot already has a conversation going.
 */
export function decideFile<D extends Decided>(
  turn: Turn,
  words: string,
  file: AttachedFile,
  state: ConversationState,
  resolver: Resolver,
  decideText: (turn: Turn, text: string) => D,
): Decided | D {
  if (!turn.addressed && !state.flow) return { state, replies: [] };
  const problem = (p: FileProblem): Decided => ({
    state,
    replies: [{ kind: 'file-problem', name: file.name, problem: p }],
  });
  if (file.read.kind !== 'text') return problem(file.read);
  const budget = Math.max(0, MAX_QUERY_CHARS - words.length - 1);
  const text = [words, selectLogLines(file.read.text, budget)].filter(Boolean).join('\n');
  const named = resolver.resolve(text).matches.filter((m) => m.via !== 'symptom');
  if (named.length === 0) return problem({ kind: 'no-error', bytes: file.read.bytes });
  const decided = decideText({ ...turn, addressed: true }, text);
  // The helpdesk notes keep the person's own words and the codes, never the file's lines.
  const said = words.trim() ? noteSaid(state, words).notes.said : state.notes.said;
  return { ...decided, state: { ...decided.state, notes: { ...decided.state.notes, said } } };
}

// A line that reports something went wrong, or names an error-looking code.
const FAILURE_WORDS = /\b(?:error|fail(?:ed|ure|s)?|fatal|hresult|hr\s*=)/i;
const CODE_LIKE = /\b0x[0-9a-f]{5,8}\b|\b[0-9a-f]{8}\b/i;

/**
 * A whole log is more than the resolver reads (its first 20,000 characters),
 * and the failure is usually near the end. Keep the lines that carry a code,
 * those that also say something failed first, in their own order, up to
 * `budget` characters; the resolver then ranks them as it ranks a paste.
 */
export function selectLogLines(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const lines = text.split(/\r?\n/);
  const keep = new Set<number>();
  let used = 0;
  const take = (test: (line: string) => boolean) => {
    // From the end: the last failures are the ones that ended the run.
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] as string;
      if (keep.has(i) || !test(line)) continue;
      if (used + line.length + 1 > budget) continue;
      keep.add(i);
      used += line.length + 1;
    }
  };
  take((line) => CODE_LIKE.test(line) && FAILURE_WORDS.test(line));
  take((line) => CODE_LIKE.test(line));
  return [...keep]
    .sort((a, b) => a - b)
    .map((i) => lines[i])
    .join('\n');
}
