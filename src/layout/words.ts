/**
 * Every word a person reads, in one place: the layout picks from here, so
 * Teams, Slack and the terminal say the same thing. Records over a core type
 * are exhaustive, so a new answer or outcome cannot go unworded.
 */

import type {
  Action,
  Answer,
  Answered,
  ErrorSummary,
  FlowPosition,
  HandoffStatus,
  HandoffSummary,
  Move,
  NoteKind,
  Reply,
  StepOutcome,
  TriedStep,
} from '../core/contract.js';
import type { Command, Warning } from '../knowledge/schema.js';
import type { Step } from '../knowledge/types.js';

const WARNING_LABELS: Record<Warning, string> = {
  'restart-required': 'Needs a restart',
  'restarts-service': 'Stops or restarts a service',
  'data-loss': 'Can lose data',
  'acl-change': 'Changes permissions',
  'security-change': 'Lowers protection for a while',
  'network-change': 'Changes network settings',
  'long-running': 'Takes a while; do not interrupt',
};

export const HELP_LINES = [
  'I explain Windows Update errors and walk you through the fix, one step at a time.',
  'Send an error code, a log line or a short description, e.g. 0x8024001E or "updates fail behind our proxy".',
  'Answer each step with the buttons or in words ("that worked", "still failing", "skip", "all steps", "I need a human").',
];

export const WELCOME_LINES = ['Hi! I am wuerror.', ...HELP_LINES];

/** The terminal has no buttons: its welcome says what to type instead. */
export const TERMINAL_HELP_LINES = [
  HELP_LINES[0] ?? '',
  HELP_LINES[1] ?? '',
  'Answer each step in words: "yes", "no", "skip", "back", "all steps", "start over" or "human".',
];
export const TERMINAL_WELCOME_LINES = ['Hi! I am wuerror.', ...TERMINAL_HELP_LINES];

/** "We are on step 2 of 5 for 0x8024001E." */
export function positionText(current: FlowPosition): string {
  return current.number > current.total
    ? `We are past the last step for ${current.code}: shall I hand it to a human?`
    : `We are on step ${current.number} of ${current.total} for ${current.code}.`;
}

const NOTES: Record<NoteKind, string> = {
  'no-handoff':
    'All right, I will not hand it on. Say "start over" to go through the steps again, send another error code, or say "human" whenever you want a person.',
  'glad-fixed': 'Glad it is fixed! Send another error code whenever you need me.',
  thanks: 'You are welcome.',
  wait: 'Take your time; I will be here.',
  ack: 'OK.',
  'off-topic': 'I did not catch that as an answer.',
  describe:
    'Tell me in a few words what happens, e.g. "updates fail behind our proxy" or "install stuck at 0%".',
  paste:
    'Paste the error code or the log line as it appears, e.g. 0x8024001E, 8024001e or -2145124322.',
};

/** What to say so a flow can go on, after a one-line answer. */
const GO_ON_TEXT =
  'Answer "yes" or "no" when you have tried it, or "skip", "all steps" or "human".';

export function noteText(note: NoteKind, current: FlowPosition | null): string {
  const parts = [NOTES[note]];
  if (current) {
    parts.push(positionText(current));
    if (note !== 'thanks' && current.number <= current.total) parts.push(GO_ON_TEXT);
  }
  return parts.join(' ');
}

export function didYouMeanText(
  typed: string,
  suggestions: Array<{ code: string; title: string }>,
): string {
  if (suggestions.length === 0)
    return `${typed} does not look like a whole error code: they have eight hex digits after 0x, e.g. 0x8024001E. Check the digits, or paste the log line.`;
  const named = suggestions.map((s) => `${s.code} (${s.title})`);
  const list =
    named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
  return `${typed} is not a code I know. Did you mean ${list}?`;
}

const MOVE_LABELS: Record<Move, string> = {
  describe: 'Describe it differently',
  paste: 'Paste the error or log',
  human: 'Talk to a human',
};

export const REJECTED_TITLE = 'Not these:';
export const REJECTED_TEXT = 'Then I do not have a good match yet.';

/** Said in place of a meaning when nothing is known about a code. */
export const NO_DESCRIPTION_TEXT = 'No public description is known for this code.';

export function errorHeadline(error: ErrorSummary): string {
  return error.name ? `${error.code} ${error.name}` : error.code;
}

export function sourceNote(error: ErrorSummary): string | null {
  switch (error.source) {
    case 'curated':
      return null;
    case 'catalogue':
      return 'This code is publicly named but has no curated entry yet; these are first steps for its family of errors.';
    case 'family':
      return 'This code has no public name that I know of; these are first steps for its family of errors.';
    case 'unknown':
      return 'This code is not one I know.';
    case 'success':
      return 'This code means success; it is not the error.';
    default: {
      const unreachable: never = error.source;
      return String(unreachable);
    }
  }
}

export function commandLabel(command: Command): string {
  const shell = command.shell === 'cmd' ? 'Command Prompt' : 'PowerShell';
  return command.elevated ? `${shell} (as administrator)` : shell;
}

function warningText(warnings: Warning[]): string | null {
  return warnings.length > 0 ? warnings.map((w) => WARNING_LABELS[w]).join(' · ') : null;
}

const OUTCOME_LABELS: Record<StepOutcome, string> = {
  fixed: 'fixed it',
  'not-fixed': 'did not help',
  skipped: 'skipped',
  done: 'done',
  no: 'answered no',
};

export function triedLines(tried: TriedStep[]): string[] {
  return tried.length === 0
    ? ['No steps were tried.']
    : tried.map((t) => `Step ${t.number}, ${t.title}: ${OUTCOME_LABELS[t.outcome]}`);
}

export function handoffFacts(summary: HandoffSummary): Array<[string, string]> {
  const facts: Array<[string, string]> = [
    [
      'Error',
      summary.error
        ? `${errorHeadline(summary.error)}: ${summary.error.title}`
        : 'not identified yet',
    ],
  ];
  if (
    summary.codes.length > 0 &&
    !(summary.codes.length === 1 && summary.codes[0] === summary.error?.code)
  )
    facts.push(['Codes given', summary.codes.join(', ')]);
  if (summary.rejected.length > 0)
    facts.push(['Ruled out', summary.rejected.map((r) => `${r.code} (${r.title})`).join(', ')]);
  facts.push(
    ['Asked by', summary.requestedBy.name ?? summary.requestedBy.id],
    ['Where', `${summary.where.label} (${summary.where.platform})`],
    ['When', toReadableTime(summary.at)],
    ['Reference', summary.flowId],
  );
  if (summary.ticket) facts.push(['Ticket', summary.ticket.id]);
  return facts;
}

export const SAID_TITLE = 'In their words';

export function saidLines(said: string[]): string[] {
  return said.map((words) => `“${words}”`);
}

export function ticketLinkText(id: string): string {
  return `Open ticket ${id}`;
}

/** The ticketing system's news, posted in the conversation of the hand-off. */
export function handoffStatusText(reply: Extract<Reply, { kind: 'handoff-status' }>): string {
  const about = reply.ticket
    ? `ticket ${reply.ticket.id}`
    : reply.error
      ? `your ${reply.error.code} case`
      : 'your case';
  const by = reply.by ? reply.by : 'Someone from the helpdesk';
  const line = HANDOFF_STATUS_LINES[reply.status](by, about);
  return reply.message
    ? `${line} ${by === 'Someone from the helpdesk' ? 'They' : by} wrote: ${reply.message}`
    : line;
}

const HANDOFF_STATUS_LINES: Record<HandoffStatus, (by: string, about: string) => string> = {
  'picked-up': (by, about) => `${by} picked up ${about}.`,
  resolved: (by, about) => `${by} marked ${about} as resolved.`,
  note: (by, about) => `${by} added a note to ${about}.`,
};

/** "2026-11-22 09:05 UTC": what a person reads, from the ISO time the webhook gets. */
function toReadableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function handoffTitle(summary: HandoffSummary): string {
  return summary.delivered === 'webhook' ? 'Handed to the helpdesk' : 'Summary for the helpdesk';
}

export const HANDOFF_STATUS_TITLE = 'News from the helpdesk';

export function deliveryNote(summary: HandoffSummary): string {
  switch (summary.delivered) {
    case 'webhook':
      return summary.ticket
        ? `The helpdesk opened ticket ${summary.ticket.id} with this summary; I will post here when someone picks it up.`
        : 'A ticket was sent to the helpdesk with this summary.';
    case 'webhook-failed':
      return 'I could not reach the helpdesk ticketing webhook; please copy this summary into a ticket.';
    default:
      return 'Please pass this summary to the helpdesk (no ticketing webhook is set up).';
  }
}

export function staleText(reply: Extract<Reply, { kind: 'stale' }>): string {
  return reply.current
    ? `That button is from an older card. We are on step ${reply.current.number} of ${reply.current.total} for ${reply.current.code}; please use the latest card.`
    : 'That button is from a finished conversation. Send an error code to start again.';
}

export function unknownCodeText(code: string): string {
  return `${code} is not a Windows Update error I know, and it is outside every range of codes I have guidance for. Check that it was copied correctly, or describe what happens in words.`;
}

/**
 * A generic result code named beside another program ("the PowerToys
 * installer fails with 0x80070643"): why no Windows Update fix is offered, and
 * the way to get one if Windows Update itself shows the code.
 */
export function otherProgramText(codes: readonly string[]): string {
  const named =
    codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(', ')} and ${codes.at(-1)}`;
  const it = codes.length === 1 ? 'it' : 'one of them';
  return `${named} there looks like the other program's own installer or updater error, not a Windows Update failure, so I have no Windows Update fix for it. If Windows Update itself shows ${it}, send the code on its own.`;
}

export const NO_MATCH_LINES = [
  'I could not match that to a Windows Update error.',
  'Send the error code (0x8024001E, 8024001e or -2145124322), paste the log line, or describe the problem in a few words, e.g. "updates fail behind our proxy".',
];

export const LAST_STEP_TEXT =
  'That was the last step I have for this error. Shall I hand it to a human with a summary of what was tried?';

/** Said at once when the bot is too busy to answer in time (work past its queue's bound). */
export const BUSY_TEXT =
  'Sorry, I am very busy right now and could not get to that. Please try again in a minute.';

export function oopsText(reference: string): string {
  return `Sorry, something went wrong on my side (reference ${reference}). Please try again, or send the error code again.`;
}

export function slowDownText(retryAfterSeconds: number): string {
  return `That is a lot of messages at once. I will answer again in about ${retryAfterSeconds} seconds; until then I am not reading new ones here.`;
}

export function tooLongText(limit: number): string {
  return `That is too long for me to read (over ${limit.toLocaleString('en-US')} characters). Send the error code, or paste just the log lines around the error.`;
}

// Phrases of the card layouts, kept here so every renderer words them alike.

const ADMIN_PROMPT_TEXT = 'Needs an admin prompt';
export const FIXED_TEXT = 'Great, it is fixed.';
export const TRIED_TITLE = 'What was tried';
export const UI_PATH_LABELS = { windows11: 'Windows 11', windows10: 'Windows 10' } as const;

export function stepHeading(number: number, total: number, title: string): string {
  return `Step ${number} of ${total}: ${title}`;
}

/** Notes are written to stand on their own ("For this error, ..."), so no label is added. */
export function stepNoteText(note: string): string {
  return note;
}

/** The caution line of a step: an elevated prompt and the step's own warnings. */
export function stepCautionText(step: Pick<Step, 'commands' | 'warnings'>): string | null {
  const admin = step.commands.some((c) => c.elevated) ? ADMIN_PROMPT_TEXT : null;
  const parts = [admin, warningText(step.warnings)].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function alsoMentionedText(codes: Array<{ code: string; title: string }>): string {
  return `You also mentioned: ${codes.map((m) => `${m.code} (${m.title})`).join(', ')}.`;
}

function startOnLabel(code: string): string {
  return `Start on ${code}`;
}

export function allStepsHeading(count: number): string {
  return `All ${count} steps`;
}

/** Where a slash command's question is repeated above its answer, for the channel to see. */
export function askedText(by: string, question: string): string {
  return question.trim() ? `${by} asked: ${question.trim()}` : `${by} asked for help`;
}

/** The button for each answer, as most messages word it. */
const ANSWER_LABELS: Record<Answer, string> = {
  fixed: 'Yes, fixed',
  'not-fixed': 'No, still failing',
  done: 'Done',
  skip: 'Skip this step',
  back: 'Back',
  'all-steps': 'All steps',
  restart: 'Start over',
  human: 'Get a human',
};

/** A check step ("Did you find the error line?") is answered yes or no. */
const CHECK_LABELS: Partial<Record<Answer, string>> = { done: 'Yes', 'not-fixed': 'No' };
/** After the last step the question is whether to hand it on. */
const LAST_STEP_LABELS: Partial<Record<Answer, string>> = {
  human: 'Hand it to a human',
  fixed: 'It is fixed after all',
};

/** Where a button sits, which decides some of its words. */
export interface ButtonContext {
  on: Reply['kind'] | undefined;
  /** The step answered is a check step. */
  check: boolean;
  /** The first candidate of a confirm question ("Yes, 0x8024401B"). */
  first: boolean;
}

export function buttonLabel(action: Action, where: ButtonContext): string {
  switch (action.type) {
    case 'answer': {
      const special =
        where.on === 'last-step-done'
          ? LAST_STEP_LABELS[action.answer]
          : where.check
            ? CHECK_LABELS[action.answer]
            : undefined;
      return special ?? ANSWER_LABELS[action.answer];
    }
    case 'choose':
      return where.first ? `Yes, ${action.code}` : action.code;
    case 'none-of-these':
      return 'None of these';
    case 'start':
      return startOnLabel(action.code);
    case 'move':
      return MOVE_LABELS[action.move];
    default: {
      const unreachable: never = action;
      return String(unreachable);
    }
  }
}

/** The line under a clicked message: "Alex answered: No, still failing", "Alex chose 0x8024401B". */
export function answeredText(answered: Answered, label: string): string {
  const who = answered.by.name ?? 'Someone';
  const { action } = answered;
  if (!action) return `${who} answered in the chat.`;
  if (action.type === 'choose' || action.type === 'start') return `${who} chose ${action.code}`;
  return `${who} answered: ${action.type === 'none-of-these' ? 'none of these' : label}`;
}

/** "It sounds like 0x8024401B (WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ): Proxy. Is that it?" */
export function confirmQuestion(
  candidates: Extract<Reply, { kind: 'confirm' }>['candidates'],
): string {
  const [best] = candidates;
  return best
    ? `It sounds like ${best.code}${best.name ? ` (${best.name})` : ''}: ${best.title}. Is that it?`
    : 'Which of these is it?';
}

/** What to type in the terminal chat instead of clicking. */
export function typedAnswer(action: Action): string {
  switch (action.type) {
    case 'answer':
      return TYPED_ANSWERS[action.answer];
    case 'choose':
      return action.code;
    case 'none-of-these':
    case 'start':
      return action.type === 'start' ? action.code : 'none';
    case 'move':
      return TYPED_MOVES[action.move];
    default: {
      const unreachable: never = action;
      return String(unreachable);
    }
  }
}

const TYPED_ANSWERS: Record<Answer, string> = {
  fixed: 'yes',
  'not-fixed': 'no',
  done: 'yes',
  skip: 'skip',
  back: 'back',
  'all-steps': 'all steps',
  human: 'human',
  restart: 'start over',
};

const TYPED_MOVES: Record<Move, string> = {
  describe: 'say it in other words',
  paste: 'paste the code or log line',
  human: 'human',
};

/**
 * Every line of "All steps" starts with a marker, so none starts with a bare
 * "5." that a card's markdown would turn into an indented list.
 */
export const STEP_MARKERS = { current: '▶ ', done: '✓ ', later: '○ ' } as const;

// The one-shot answer of `wuerror <text>` in a terminal.

export const EXPLAIN_NOTHING_LINES = [
  'No Windows Update error found in that text.',
  'Try an error code (0x8024001E, 8024001e, -2145124322), a symbolic name (WU_E_SERVICE_STOP),',
  'a log line, or a short description such as "updates fail behind our proxy".',
];
export function explainBesideUnknownText(codes: readonly string[]): string {
  return `${codes.join(', ')} in that text is not a code I know; these errors fit the description best:`;
}
export const EXPLAIN_BY_SYMPTOM_TEXT =
  'No code in that text; these errors fit the description best:';
export const EXPLAIN_TRUNCATED_TEXT = '(Only the beginning of that very long text was read.)';
export const CAUSES_TITLE = 'Likely causes:';
export const STEPS_TITLE = 'Steps:';

export function alsoPossibleText(headline: string, score: number): string {
  return `Also possible: ${headline} (score ${score.toFixed(2)})`;
}

export function familyText(title: string): string {
  return `It belongs to: ${title}.`;
}

export function relatedText(codes: string[]): string {
  return `Related: ${codes.join(', ')}`;
}
