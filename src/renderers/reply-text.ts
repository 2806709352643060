/**
 * The words of every reply, shared by all renderers, so Teams, Slack and the
 * terminal say the same thing and only the layout differs.
 */

import type {
  ErrorSummary,
  HandoffSummary,
  Reply,
  StepOutcome,
  TriedStep,
} from '../core/contract.js';
import type { Command, Warning } from '../knowledge/schema.js';
import type { Step } from '../knowledge/types.js';

export const WARNING_LABELS: Record<Warning, string> = {
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

export function warningText(warnings: Warning[]): string | null {
  return warnings.length > 0 ? warnings.map((w) => WARNING_LABELS[w]).join(' · ') : null;
}

export const OUTCOME_LABELS: Record<StepOutcome, string> = {
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
  return [
    ['Error', `${errorHeadline(summary.error)}: ${summary.error.title}`],
    ['Asked by', summary.requestedBy.name ?? summary.requestedBy.id],
    ['Where', `${summary.where.label} (${summary.where.platform})`],
    ['When', toReadableTime(summary.at)],
    ['Reference', summary.flowId],
  ];
}

/** "2026-11-22 09:05 UTC": what a person reads, from the ISO time the webhook gets. */
export function toReadableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function handoffTitle(summary: HandoffSummary): string {
  return summary.delivered === 'webhook' ? 'Handed to the helpdesk' : 'Summary for the helpdesk';
}

export function deliveryNote(summary: HandoffSummary): string {
  switch (summary.delivered) {
    case 'webhook':
      return 'A ticket was sent to the helpdesk with this summary.';
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

export const NO_MATCH_LINES = [
  'I could not match that to a Windows Update error.',
  'Send the error code (0x8024001E, 8024001e or -2145124322), paste the log line, or describe the problem in a few words, e.g. "updates fail behind our proxy".',
];

export const LAST_STEP_TEXT =
  'That was the last step I have for this error. Shall I hand it to a human with a summary of what was tried?';

export function oopsText(reference: string): string {
  return `Sorry, something went wrong on my side (reference ${reference}). Please try again, or send the error code again.`;
}

/** One line for notifications and text fallbacks. */
export function summarise(reply: Reply): string {
  switch (reply.kind) {
    case 'step':
      return `${errorHeadline(reply.error)}: step ${reply.number} of ${reply.total}, ${reply.step.title}. ${reply.step.question}`;
    case 'last-step-done':
      return `${errorHeadline(reply.error)}: all steps tried. Hand it to a human?`;
    case 'all-steps':
      return `${errorHeadline(reply.error)}: all ${reply.steps.length} steps`;
    case 'confirm':
      return reply.question;
    case 'fixed':
      return `${errorHeadline(reply.error)} is fixed.`;
    case 'handoff':
      return `${errorHeadline(reply.summary.error)} handed to a human.`;
    case 'unknown-code':
      return unknownCodeText(reply.code);
    case 'no-match':
      return NO_MATCH_LINES[0] ?? '';
    case 'stale':
      return staleText(reply);
    case 'not-understood':
      return reply.reprompt
        ? `Sorry, I did not catch that. ${summarise(reply.reprompt)}`
        : 'Sorry, I did not catch that.';
    case 'help':
      return HELP_LINES[0] ?? '';
    case 'welcome':
      return WELCOME_LINES.slice(0, 2).join(' ');
    case 'oops':
      return oopsText(reply.reference);
    default: {
      const unreachable: never = reply;
      return String(unreachable);
    }
  }
}

// Phrases of the card layouts, kept here so every renderer words them alike.

export const ADMIN_PROMPT_TEXT = 'Needs an admin prompt';
export const FIXED_TEXT = 'Great, it is fixed.';
export const TRIED_TITLE = 'What was tried';
export const NOT_UNDERSTOOD_TEXT = 'Sorry, I did not catch that.';
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

export function startOnLabel(code: string): string {
  return `Start on ${code}`;
}

export function allStepsHeading(count: number): string {
  return `All ${count} steps`;
}

/** Where a slash command's question is repeated above its answer, for the channel to see. */
export function askedText(by: string, question: string): string {
  return question.trim() ? `${by} asked: ${question.trim()}` : `${by} asked for help`;
}
