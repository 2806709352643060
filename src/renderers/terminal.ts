/**
 * Reply -> plain text for the terminal chat (`wuerror` with no arguments).
 * Buttons become a line of words to type, since a terminal has no buttons.
 */
import type { Reply } from '../core/contract.js';
import type { Step } from '../knowledge/types.js';
import {
  alsoMentionedText,
  commandLabel,
  deliveryNote,
  errorHeadline,
  FIXED_TEXT,
  HELP_LINES,
  handoffFacts,
  handoffTitle,
  LAST_STEP_TEXT,
  NO_MATCH_LINES,
  NOT_UNDERSTOOD_TEXT,
  oopsText,
  sourceNote,
  staleText,
  stepCautionText,
  stepHeading,
  stepNoteText,
  triedLines,
  UI_PATH_LABELS,
  unknownCodeText,
  WELCOME_LINES,
} from './reply-text.js';

const TYPED_ANSWERS: Record<string, string> = {
  fixed: 'yes',
  'not-fixed': 'no',
  done: 'yes',
  skip: 'skip',
  back: 'back',
  'all-steps': 'all steps',
  human: 'human',
  restart: 'start over',
};

function hints(reply: Extract<Reply, { choices: unknown }>): string {
  const words = reply.choices.map((c) =>
    c.action.type === 'answer'
      ? TYPED_ANSWERS[c.action.answer]
      : c.action.type === 'choose'
        ? c.action.code
        : 'none',
  );
  return words.length > 0 ? `(answer: ${[...new Set(words)].join(' / ')})` : '';
}

/** One step as terminal lines; also used by the one-shot `wuerror <code>` answer. */
export function toStepLines(step: Step, number: number, total: number): string[] {
  const lines = [stepHeading(number, total, step.title), step.why];
  const caution = stepCautionText(step);
  if (caution) lines.push(`! ${caution}`);
  if (step.note) lines.push(stepNoteText(step.note));
  if (step.ui) {
    lines.push(
      `${UI_PATH_LABELS.windows11}: ${step.ui.windows11}`,
      `${UI_PATH_LABELS.windows10}: ${step.ui.windows10}`,
    );
  }
  for (const [i, line] of step.instructions.entries()) lines.push(`  ${i + 1}. ${line}`);
  for (const command of step.commands)
    lines.push(`  [${commandLabel(command)}]`, `      ${command.run}`);
  return lines;
}

export function toTerminalText(reply: Reply): string {
  switch (reply.kind) {
    case 'step': {
      const lines = [`${errorHeadline(reply.error)}: ${reply.error.title}`];
      if (reply.intro) lines.push(reply.error.meaning, ...[sourceNote(reply.error) ?? []].flat());
      lines.push(
        '',
        ...toStepLines(reply.step, reply.number, reply.total),
        '',
        `${reply.step.question} ${hints(reply)}`,
      );
      if (reply.alsoMentioned.length > 0) lines.push(alsoMentionedText(reply.alsoMentioned));
      return lines.join('\n');
    }
    case 'last-step-done':
      return `${LAST_STEP_TEXT} ${hints(reply)}`;
    case 'all-steps':
      return [
        `${errorHeadline(reply.error)}: all ${reply.steps.length} steps`,
        ...reply.steps.map((s, i) => `${i === reply.current ? '>' : ' '} ${i + 1}. ${s.title}`),
        hints(reply),
      ].join('\n');
    case 'confirm':
      return [
        reply.question,
        ...reply.candidates.map((c, i) => `  ${i + 1}. ${c.code} ${c.title}`),
        '(answer: yes / a number / no)',
      ].join('\n');
    case 'fixed':
      return [FIXED_TEXT, ...triedLines(reply.tried)].join('\n');
    case 'handoff':
      return [
        `${handoffTitle(reply.summary)}:`,
        ...handoffFacts(reply.summary).map(([k, v]) => `${k}: ${v}`),
        ...triedLines(reply.summary.tried),
        deliveryNote(reply.summary),
      ].join('\n');
    case 'unknown-code':
      return unknownCodeText(reply.code);
    case 'no-match':
      return NO_MATCH_LINES.join('\n');
    case 'stale':
      return staleText(reply);
    case 'not-understood':
      return [NOT_UNDERSTOOD_TEXT, reply.reprompt ? toTerminalText(reply.reprompt) : '']
        .join('\n')
        .trim();
    case 'help':
      return HELP_LINES.join('\n');
    case 'welcome':
      return WELCOME_LINES.join('\n');
    case 'oops':
      return oopsText(reply.reference);
    default: {
      const unreachable: never = reply;
      throw new Error(`unhandled reply ${JSON.stringify(unreachable)}`);
    }
  }
}
