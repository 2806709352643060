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
import type { AnswerSource, Evidence, Extend } from '../resolver/create-resolver.js';
import type { AttachedFile, FileProblem } from './attached-file.js';

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
  | { type: 'start'; code: Code }
  /** A next move offered when nothing matched: describe it, paste it, or a human. */
  | { type: 'move'; move: Move };

/** Where to go from a no-match or a rejected guess (never a dead end). */
export type Move = 'describe' | 'paste' | 'human';

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
  input:
    | { kind: 'text'; text: string }
    | { kind: 'action'; action: Action }
    | { kind: 'joined' }
    /** A log file attached to a message (downloaded by the adapter), with the message's words. */
    | { kind: 'file'; text: string; file: AttachedFile };
  at: Date;
  /** For a click: the platform id of the message clicked (Teams activity id, Slack ts). */
  replyToId?: string | undefined;
  /**
   * Where the platform can post to this conversation later, without a turn
   * (Teams conversation reference, Slack channel and thread). Opaque to the
   * core: stored with a hand-off so a ticketing callback can reach the person.
   */
  address?: HandoffAddress | undefined;
  /**
   * The turn starts a conversation that does not exist yet and is known by
   * the platform id of its first message (a Slack slash command answered in
   * a channel: the answer is the root of a new thread). It is decided on an
   * empty state and saved once the sender says where the conversation lives
   * (`Sender.opened`), so the answer needs no placeholder posted first.
   * `conversationId` and `address` say where it lives if the first post
   * opens nothing (the bot may not post there and answered privately).
   */
  opensConversation?: boolean | undefined;
}

/** A platform's note of where to post later; only that platform's adapter reads `at`. */
export interface HandoffAddress {
  platform: Platform;
  at: unknown;
}

export interface ErrorSummary {
  code: Code;
  name: string | null;
  title: string;
  /** `success` for a success code (S_OK, WU_S_*): it means success, never a fix flow. */
  source: AnswerSource;
  /** What the error means (curated) or what its family of codes is about; null when nothing is known. */
  meaning: string | null;
  /** From the person's message or log: the decisive line and what it mentions. */
  evidence?: Evidence;
  /** Windows Setup only: the extend code after the result code, as phase and operation. */
  extend?: Extend;
}

/** `done` and `no` answer a check step ("Did you find the error line?"). */
export type StepOutcome = 'fixed' | 'not-fixed' | 'skipped' | 'done' | 'no';

export interface TriedStep {
  number: number;
  title: string;
  outcome: StepOutcome;
}

/** A ticket the helpdesk webhook opened for a hand-off. */
export interface Ticket {
  id: string;
  url?: string | undefined;
}

export interface HandoffSummary {
  /** Null when the person asked for a human before any error was identified. */
  error: ErrorSummary | null;
  tried: TriedStep[];
  /** The person's own recent words in this conversation, oldest first. */
  said: string[];
  /** Codes suggested and turned down ("None of these", "no" to "Is that it?"). */
  rejected: Array<{ code: Code; title: string }>;
  /** Codes the person pasted or typed. */
  codes: Code[];
  requestedBy: { id: string; name?: string | undefined };
  where: Turn['where'];
  at: string;
  flowId: string;
  /** Set by the core when posting to the helpdesk webhook failed. */
  delivered?: 'webhook' | 'webhook-failed' | 'not-configured';
  /** The ticket the helpdesk webhook answered with, if any. */
  ticket?: Ticket | undefined;
}

/** What the ticketing system reports back through the status callback. */
export type HandoffStatus = 'picked-up' | 'resolved' | 'note';

/** Where a flow stands, for one-line answers that keep it where it is. */
export interface FlowPosition {
  code: Code;
  /** 1-based; `total + 1` once every step was tried (the hand-off question). */
  number: number;
  total: number;
}

/**
 * One-line answers that do not move the flow: small talk, a declined
 * hand-off, the prompts behind the next-move buttons.
 */
export type NoteKind =
  | 'no-handoff'
  | 'glad-fixed'
  | 'thanks'
  | 'wait'
  | 'ack'
  | 'off-topic'
  | 'describe'
  | 'paste';

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
  /** An attached file that could not be read, or that names no failure. */
  | { kind: 'file-problem'; name: string; problem: FileProblem }
  /** The message named only a success code: no flow; where the real error line is. */
  | { kind: 'success-code'; error: ErrorSummary }
  | {
      kind: 'no-match';
      text: string;
      /** 'rejected' after "None of these" or "no" to "Is that it?": no "could not match". */
      after: 'nothing' | 'rejected';
      /** The candidates turned down, kept visible. */
      rejected: Array<{ code: Code; title: string }>;
      /** Codes in the message judged another program's own (see is-another-programs-error.ts). */
      otherProgram?: Code[];
      choices: Choice[];
    }
  | {
      kind: 'did-you-mean';
      /** The almost-right code as typed. */
      typed: string;
      /** Known codes a single edit away (see near-code.ts); none: a hint on the format. */
      suggestions: Array<{ code: Code; title: string }>;
      choices: Choice[];
    }
  | { kind: 'note'; note: NoteKind; current: FlowPosition | null }
  | { kind: 'stale'; current: FlowPosition | null }
  | {
      kind: 'help';
      current?: FlowPosition | null;
      /** The terminal has no buttons, so its help says what to type. */
      platform?: Platform;
    }
  | {
      kind: 'handoff-status';
      status: HandoffStatus;
      by?: string | undefined;
      message?: string | undefined;
      error: { code: Code; title: string } | null;
      ticket?: Ticket | undefined;
    }
  | { kind: 'welcome' }
  | { kind: 'oops'; reference: string }
  /** Too many messages in a minute from one person or in one conversation. */
  | { kind: 'slow-down'; retryAfterSeconds: number }
  /** A question longer than the platform lets us take (`limit` characters). */
  | { kind: 'too-long'; limit: number }
  | {
      kind: 'explain';
      found: ExplainedMatch[];
      bySymptom: boolean;
      truncated: boolean;
      /** Codes in the text judged another program's own: said why nothing is answered. */
      otherProgram?: Code[];
      /** Codes in the text that nobody knows, named when the description was answered instead. */
      unknownCodes?: Code[];
    };

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
  /** The button clicked; absent when the card was retired by a typed answer. */
  action?: Action;
  /** The clicked reply as it was shown, when the core can rebuild it. */
  shown?: Reply;
}

/** What the core gives back for one turn. */
export interface TurnResult {
  replies: Reply[];
  /** Set when the turn was a (fresh) button click. */
  answered?: Answered;
  /**
   * The conversation's previous card, still showing live buttons, that this
   * turn made old: its platform id and how it looked (shown again without buttons).
   */
  retire?: { id: string; shown: Reply };
  /**
   * Whether the conversation's current card changes with this turn: the
   * pipeline then reports the id of the last card posted with buttons (or none).
   */
  newCard?: boolean;
}
