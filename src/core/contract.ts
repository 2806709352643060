/**
 * The one contract between the platform adapters and the core. Nothing here
 * knows Teams or Slack, and nothing here is worded: an adapter turns a
 * platform event into a `Turn`, the core answers with `Reply` values (data),
 * the layout words and orders each reply as a `Message`, and a converter
 * turns that into an Adaptive Card, Block Kit blocks or terminal text.
 */
import { z } from 'zod';
import type { Code } from '../knowledge/schema.js';
import type { Step } from '../knowledge/types.js';
import type { MatchSource } from '../resolver/create-resolver.js';

export type Platform = 'teams' | 'slack' | 'cli';

/**
 * What a person can answer to a step, by button or in words. The one list:
 * `Answer` and the button payload check both come from it, so a new answer
 * can never be rejected as a bad payload.
 */
export const AnswerSchema = z.enum([
  'fixed',
  'not-fixed',
  'done',
  'skip',
  'back',
  'all-steps',
  'restart',
  'human',
]);
export type Answer = z.infer<typeof AnswerSchema>;

/** Button payloads. `flowId` and `step` let the core spot a click on an old card. */
export type Action =
  | { type: 'answer'; answer: Answer; flowId: string; step: number }
  | { type: 'choose'; code: Code; flowId: string }
  | { type: 'none-of-these'; flowId: string }
  | { type: 'start'; code: Code };

export interface Turn {
  /** The platform's id for this event, for logs. */
  id: string;
  /** Platform-qualified key of the conversation (or thread) the state belongs to. */
  conversationId: string;
  user: { id: string; name?: string | undefined };
  where: {
    platform: Platform;
    kind: 'personal' | 'group' | 'channel';
    /** Human-readable place for hand-off summaries ("#helpdesk", "personal chat"). */
    label: string;
  };
  /**
   * Whether the person spoke to the bot (direct message, @mention, slash
   * command, button). Unaddressed channel chatter gets an answer only when it
   * names an error code or continues a flow in progress.
   */
  addressed: boolean;
  input: { kind: 'text'; text: string } | { kind: 'action'; action: Action } | { kind: 'joined' };
  at: Date;
}

export interface ErrorSummary {
  code: Code;
  name: string | null;
  title: string;
  source: MatchSource;
  /** What the error means (curated) or what its family of codes is about; null when nothing is known. */
  meaning: string | null;
}

/** `done` and `no` answer a check step ("Did you find the error line?"). */
export type StepOutcome = 'fixed' | 'not-fixed' | 'skipped' | 'done' | 'no';

export interface TriedStep {
  number: number;
  title: string;
  outcome: StepOutcome;
}

export interface HandoffSummary {
  error: ErrorSummary;
  tried: TriedStep[];
  requestedBy: { id: string; name?: string | undefined };
  where: Turn['where'];
  at: string;
  flowId: string;
  /** Set by the core when posting to the helpdesk webhook failed. */
  delivered?: 'webhook' | 'webhook-failed' | 'not-configured';
}

/**
 * A button: what it does, not what it says (the layout words it). `action`
 * comes back in the Turn when clicked.
 */
export interface Choice {
  action: Action;
  style?: 'positive' | 'destructive';
}

export type Reply =
  | {
      kind: 'step';
      flowId: string;
      error: ErrorSummary;
      /** Only with the first step: the intro names the error and what it means. */
      intro: boolean;
      step: Step;
      number: number;
      total: number;
      choices: Choice[];
      /** Other codes the message named, each offered as its own flow. */
      alsoMentioned: Array<{ code: Code; title: string }>;
    }
  | { kind: 'last-step-done'; flowId: string; error: ErrorSummary; choices: Choice[] }
  | {
      kind: 'all-steps';
      flowId: string;
      error: ErrorSummary;
      steps: Step[];
      current: number;
      choices: Choice[];
    }
  | {
      kind: 'confirm';
      flowId: string;
      /** Best first; the layout asks "is it the first?" and lists the rest. */
      candidates: Array<{ code: Code; name: string | null; title: string }>;
      choices: Choice[];
    }
  | { kind: 'fixed'; error: ErrorSummary; tried: TriedStep[] }
  | { kind: 'handoff'; summary: HandoffSummary }
  | { kind: 'unknown-code'; code: Code }
  | { kind: 'no-match'; text: string }
  | { kind: 'stale'; current: { code: Code; number: number; total: number } | null }
  | { kind: 'not-understood'; reprompt: Reply | null }
  | { kind: 'help' }
  | { kind: 'welcome' }
  | { kind: 'oops'; reference: string }
  /** Too many messages in a minute from one person or in one conversation. */
  | { kind: 'slow-down'; retryAfterSeconds: number }
  /** A question longer than the platform lets us take (`limit` characters). */
  | { kind: 'too-long'; limit: number }
  | { kind: 'explain'; found: ExplainedMatch[]; bySymptom: boolean; truncated: boolean };

/** One match of the one-shot `wuerror <text>` answer: everything known, all steps at once. */
export interface ExplainedMatch {
  error: ErrorSummary;
  /** Symptom search only: how well the description fitted (0..1). */
  score: number;
  causes: string[];
  steps: Step[];
  related: Code[];
  /** For a code without a curated entry: the family of codes it belongs to. */
  family: { title: string; meaning: string } | null;
}

/**
 * A click, as data: who clicked what, on which reply. The clicked message is
 * replaced by `shown` without its buttons and a line saying who answered
 * what, so an old message can no longer fork the flow.
 */
export interface Answered {
  by: Turn['user'];
  action: Action;
  /** The clicked reply as it was shown, when the core can rebuild it. */
  shown?: Reply;
}

/** What the core gives back for one turn. */
export interface TurnResult {
  replies: Reply[];
  /** Set when the turn was a (fresh) button click. */
  answered?: Answered;
}
