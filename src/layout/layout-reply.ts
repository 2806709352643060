/**
 * Reply -> Message: the one place that decides the words of a reply and the
 * order they come in. Every platform converter starts from its result, so a
 * new reply kind is worded here once and shows the same everywhere.
 */
import type { Answered, Choice, ErrorSummary, ExplainedMatch, Reply } from '../core/contract.js';
import type { Step } from '../knowledge/types.js';
import {
  evidenceFacts,
  evidenceLead,
  extendAdvice,
  extendLines,
  SUCCESS_TEXT,
  SUCCESS_WHERE_LINES,
  showsEvidence,
} from './evidence-words.js';
import { ETL_COMMAND, fileProblemLines } from './file-words.js';
import type { Button, Element, Message, Tone } from './message.js';
import {
  allStepsHeading,
  alsoMentionedText,
  alsoPossibleText,
  answeredText,
  type ButtonContext,
  buttonLabel,
  CAUSES_TITLE,
  commandLabel,
  confirmQuestion,
  deliveryNote,
  didYouMeanText,
  EXPLAIN_BY_SYMPTOM_TEXT,
  EXPLAIN_NOTHING_LINES,
  EXPLAIN_TRUNCATED_TEXT,
  errorHeadline,
  explainBesideUnknownText,
  FIXED_TEXT,
  familyText,
  HANDOFF_STATUS_TITLE,
  HELP_LINES,
  handoffFacts,
  handoffStatusText,
  handoffTitle,
  LAST_STEP_TEXT,
  NO_DESCRIPTION_TEXT,
  NO_MATCH_LINES,
  noteText,
  oopsText,
  otherProgramText,
  positionText,
  REJECTED_TEXT,
  REJECTED_TITLE,
  relatedText,
  SAID_TITLE,
  STEP_MARKERS,
  STEPS_TITLE,
  saidLines,
  slowDownText,
  sourceNote,
  staleText,
  stepCautionText,
  stepHeading,
  stepNoteText,
  TERMINAL_HELP_LINES,
  TRIED_TITLE,
  ticketLinkText,
  tooLongText,
  triedLines,
  UI_PATH_LABELS,
  unknownCodeText,
  WELCOME_LINES,
} from './words.js';

const text = (value: string, tone: Tone = 'plain'): Element => ({
  kind: 'text',
  text: value,
  tone,
});
const lines = (values: readonly string[], tone: Tone = 'plain') => values.map((v) => text(v, tone));

function errorHeading(error: ErrorSummary): Element {
  return { kind: 'heading', code: errorHeadline(error), text: error.title };
}

/** What the person's message or log showed: the decisive line, and a setup extend code. */
function evidenceElements(error: ErrorSummary): Element[] {
  const elements: Element[] = [];
  const { evidence, extend } = error;
  if (showsEvidence(evidence)) {
    elements.push(text(evidenceLead(error, evidence), 'strong'), {
      kind: 'quote',
      text: evidence.line,
    });
    const facts = evidenceFacts(evidence);
    if (facts.length > 0) elements.push({ kind: 'facts', facts });
  }
  if (extend) {
    const [first, ...rest] = extendLines(error.code, extend);
    if (first) elements.push(text(first, 'strong'));
    elements.push(...lines(rest));
    const advice = extendAdvice(extend);
    if (advice) elements.push(text(advice, 'note'));
  }
  return elements;
}

/** A step: its heading, why, cautions, note, where to click, instructions, commands. */
function stepElements(step: Step, number: number, total: number): Element[] {
  const elements: Element[] = [
    { kind: 'text', text: stepHeading(number, total, step.title), tone: 'strong', separated: true },
    text(step.why, 'detail'),
  ];
  const caution = stepCautionText(step);
  if (caution) elements.push({ kind: 'caution', text: caution });
  if (step.note) elements.push(text(stepNoteText(step.note), 'note'));
  if (step.ui) {
    elements.push({
      kind: 'facts',
      facts: [
        [UI_PATH_LABELS.windows11, step.ui.windows11],
        [UI_PATH_LABELS.windows10, step.ui.windows10],
      ],
    });
  }
  if (step.instructions.length > 0) elements.push({ kind: 'list', items: step.instructions });
  for (const command of step.commands) {
    elements.push({ kind: 'command', shell: commandLabel(command), run: command.run });
  }
  return elements;
}

function buttonContext(reply: Reply | undefined): Omit<ButtonContext, 'first'> {
  if (!reply) return { on: undefined, check: false };
  const check =
    reply.kind === 'step'
      ? reply.step.kind === 'check'
      : reply.kind === 'all-steps'
        ? reply.steps[reply.current]?.kind === 'check'
        : false;
  return { on: reply.kind, check };
}

function buttons(reply: Reply, choices: Choice[], main = true): Element[] {
  if (choices.length === 0) return [];
  const where = buttonContext(reply);
  const labelled = choices.map(
    (choice, index): Button => ({
      label: buttonLabel(choice.action, { ...where, first: index === 0 }),
      action: choice.action,
      ...(choice.style ? { style: choice.style } : {}),
    }),
  );
  return [{ kind: 'buttons', buttons: labelled, main }];
}

function elementsOf(reply: Reply): Element[] {
  switch (reply.kind) {
    case 'step': {
      const elements = [errorHeading(reply.error)];
      if (reply.intro) elements.push(text(reply.error.meaning ?? NO_DESCRIPTION_TEXT));
      const note = reply.intro ? sourceNote(reply.error) : null;
      if (note) elements.push(text(note, 'subtle'));
      if (reply.intro) elements.push(...evidenceElements(reply.error));
      elements.push(
        ...stepElements(reply.step, reply.number, reply.total),
        { kind: 'question', text: reply.step.question },
        ...buttons(reply, reply.choices),
      );
      if (reply.alsoMentioned.length > 0) {
        elements.push(
          text(alsoMentionedText(reply.alsoMentioned), 'subtle'),
          ...buttons(
            reply,
            reply.alsoMentioned.map((m) => ({ action: { type: 'start', code: m.code } })),
            false,
          ),
        );
      }
      return elements;
    }
    case 'last-step-done':
      return [errorHeading(reply.error), text(LAST_STEP_TEXT), ...buttons(reply, reply.choices)];
    case 'all-steps': {
      const question = reply.steps[reply.current]?.question ?? LAST_STEP_TEXT;
      return [
        errorHeading(reply.error),
        text(allStepsHeading(reply.steps.length), 'strong'),
        ...reply.steps.flatMap((step, index) => {
          const marker =
            index === reply.current
              ? STEP_MARKERS.current
              : index < reply.current
                ? STEP_MARKERS.done
                : STEP_MARKERS.later;
          return [
            text(
              `${marker}${index + 1}. ${step.title}`,
              index === reply.current ? 'strong' : 'plain',
            ),
            text(step.why, 'detail'),
          ];
        }),
        // The view ends with the question it expects an answer to.
        { kind: 'question', text: question },
        ...buttons(reply, reply.choices),
      ];
    }
    case 'confirm':
      return [
        text(confirmQuestion(reply.candidates), 'strong'),
        {
          kind: 'facts',
          facts: reply.candidates.map((c) => [c.code, c.name ? `${c.title} (${c.name})` : c.title]),
        },
        ...buttons(reply, reply.choices),
      ];
    case 'fixed':
      return [
        errorHeading(reply.error),
        text(FIXED_TEXT, 'good'),
        ...lines(triedLines(reply.tried)),
      ];
    case 'handoff': {
      const { summary } = reply;
      const elements: Element[] = [
        { kind: 'heading', text: handoffTitle(summary) },
        { kind: 'facts', facts: handoffFacts(summary) },
      ];
      if (summary.ticket?.url)
        elements.push({
          kind: 'link',
          text: ticketLinkText(summary.ticket.id),
          url: summary.ticket.url,
        });
      if (summary.said.length > 0)
        elements.push(text(SAID_TITLE, 'strong'), ...lines(saidLines(summary.said)));
      if (summary.error || summary.tried.length > 0)
        elements.push(text(TRIED_TITLE, 'strong'), ...lines(triedLines(summary.tried)));
      elements.push(text(deliveryNote(summary), 'subtle'));
      return elements;
    }
    case 'handoff-status': {
      const elements: Element[] = [
        { kind: 'heading', text: HANDOFF_STATUS_TITLE },
        text(handoffStatusText(reply)),
      ];
      if (reply.ticket?.url)
        elements.push({
          kind: 'link',
          text: ticketLinkText(reply.ticket.id),
          url: reply.ticket.url,
        });
      return elements;
    }
    case 'unknown-code':
      return [text(unknownCodeText(reply.code))];
    case 'file-problem': {
      const [first = '', ...rest] = fileProblemLines(reply.name, reply.problem);
      const elements: Element[] = [text(first, 'strong'), ...lines(rest)];
      if (reply.problem.kind === 'etl')
        elements.push({ kind: 'command', shell: 'PowerShell', run: ETL_COMMAND });
      return elements;
    }
    case 'success-code':
      return [
        errorHeading(reply.error),
        text(SUCCESS_TEXT, 'good'),
        ...evidenceElements(reply.error),
        ...lines(SUCCESS_WHERE_LINES),
      ];
    case 'no-match':
      if (reply.after === 'nothing' && reply.otherProgram)
        return [text(otherProgramText(reply.otherProgram)), ...buttons(reply, reply.choices)];
      if (reply.after === 'nothing')
        return [...lines(NO_MATCH_LINES), ...buttons(reply, reply.choices)];
      return [
        text(REJECTED_TEXT, 'strong'),
        ...(reply.rejected.length > 0
          ? [
              text(REJECTED_TITLE, 'subtle'),
              {
                kind: 'facts',
                facts: reply.rejected.map((r): [string, string] => [r.code, r.title]),
              } as Element,
            ]
          : []),
        text(NO_MATCH_LINES[1] ?? ''),
        ...buttons(reply, reply.choices),
      ];
    case 'did-you-mean':
      return [
        text(didYouMeanText(reply.typed, reply.suggestions)),
        ...buttons(reply, reply.choices),
      ];
    case 'note':
      return [text(noteText(reply.note, reply.current))];
    case 'stale':
      return [text(staleText(reply))];
    case 'help':
      return [
        ...lines(reply.platform === 'cli' ? TERMINAL_HELP_LINES : HELP_LINES),
        ...(reply.current ? [text(positionText(reply.current), 'strong')] : []),
      ];
    case 'welcome':
      return [text(WELCOME_LINES[0] ?? '', 'strong'), ...lines(WELCOME_LINES.slice(1))];
    case 'oops':
      return [text(oopsText(reply.reference))];
    case 'slow-down':
      return [text(slowDownText(reply.retryAfterSeconds))];
    case 'too-long':
      return [text(tooLongText(reply.limit))];
    case 'explain':
      return explainElements(reply);
    default: {
      const unreachable: never = reply;
      throw new Error(`unhandled reply ${JSON.stringify(unreachable)}`);
    }
  }
}

function explainElements(reply: Extract<Reply, { kind: 'explain' }>): Element[] {
  if (reply.found.length === 0 && reply.otherProgram)
    return [text(otherProgramText(reply.otherProgram))];
  if (reply.found.length === 0) return lines(EXPLAIN_NOTHING_LINES);
  const heading = reply.unknownCodes
    ? explainBesideUnknownText(reply.unknownCodes)
    : EXPLAIN_BY_SYMPTOM_TEXT;
  const elements: Element[] = reply.bySymptom ? [text(heading, 'strong')] : [];
  reply.found.forEach((found, index) => {
    if (reply.bySymptom && index > 0) {
      elements.push(text(alsoPossibleText(explainHeadline(found), found.score)));
    } else {
      elements.push(...explainedMatch(found));
    }
  });
  if (reply.truncated) elements.push(text(EXPLAIN_TRUNCATED_TEXT, 'subtle'));
  return elements;
}

const explainHeadline = (found: ExplainedMatch) =>
  `${errorHeadline(found.error)}: ${found.error.title}`;

function explainedMatch(found: ExplainedMatch): Element[] {
  const elements: Element[] = [{ kind: 'heading', text: explainHeadline(found) }];
  elements.push(...evidenceElements(found.error));
  if (found.error.source === 'success') {
    elements.push(text(SUCCESS_TEXT, 'good'), ...lines(SUCCESS_WHERE_LINES));
  } else if (found.family) {
    elements.push(
      text(sourceNote(found.error) ?? '', 'subtle'),
      text(familyText(found.family.title)),
      text(found.family.meaning),
    );
  } else if (found.steps.length > 0) {
    elements.push(text(found.error.meaning ?? NO_DESCRIPTION_TEXT), text(CAUSES_TITLE, 'strong'));
    elements.push({ kind: 'list', items: found.causes });
  } else {
    elements.push(text(unknownCodeText(found.error.code)));
  }
  if (found.steps.length > 0) {
    elements.push(text(STEPS_TITLE, 'strong'));
    found.steps.forEach((step, index) => {
      elements.push(...stepElements(step, index + 1, found.steps.length));
    });
  }
  if (found.related.length > 0) elements.push(text(relatedText(found.related)));
  return elements;
}

/** One line for notifications and text fallbacks. */
function summaryOf(reply: Reply): string {
  switch (reply.kind) {
    case 'step':
      return `${errorHeadline(reply.error)}: step ${reply.number} of ${reply.total}, ${reply.step.title}. ${reply.step.question}`;
    case 'last-step-done':
      return `${errorHeadline(reply.error)}: all steps tried. Hand it to a human?`;
    case 'all-steps':
      return `${errorHeadline(reply.error)}: all ${reply.steps.length} steps`;
    case 'confirm':
      return confirmQuestion(reply.candidates);
    case 'fixed':
      return `${errorHeadline(reply.error)} is fixed.`;
    case 'handoff':
      return reply.summary.error
        ? `${errorHeadline(reply.summary.error)} handed to a human.`
        : 'Handed to a human.';
    case 'unknown-code':
      return unknownCodeText(reply.code);
    case 'file-problem':
      return fileProblemLines(reply.name, reply.problem)[0] ?? reply.name;
    case 'success-code':
      return `${errorHeadline(reply.error)}: ${SUCCESS_TEXT}`;
    case 'no-match':
      if (reply.after === 'nothing' && reply.otherProgram)
        return otherProgramText(reply.otherProgram);
      return reply.after === 'nothing' ? (NO_MATCH_LINES[0] ?? '') : REJECTED_TEXT;
    case 'did-you-mean':
      return didYouMeanText(reply.typed, reply.suggestions);
    case 'note':
      return noteText(reply.note, reply.current);
    case 'handoff-status':
      return handoffStatusText(reply);
    case 'stale':
      return staleText(reply);
    case 'help':
      return HELP_LINES[0] ?? '';
    case 'welcome':
      return WELCOME_LINES.slice(0, 2).join(' ');
    case 'oops':
      return oopsText(reply.reference);
    case 'slow-down':
      return slowDownText(reply.retryAfterSeconds);
    case 'too-long':
      return tooLongText(reply.limit);
    case 'explain':
      return reply.found[0] ? explainHeadline(reply.found[0]) : (EXPLAIN_NOTHING_LINES[0] ?? '');
    default: {
      const unreachable: never = reply;
      return String(unreachable);
    }
  }
}

export function layoutReply(reply: Reply): Message {
  return { elements: elementsOf(reply), summary: summaryOf(reply) };
}

/**
 * The message that replaces a clicked one: the reply as it was shown, with
 * no buttons, and a line saying who answered what. `elements` is empty when
 * the core could not rebuild the clicked reply (the platform keeps its own copy).
 */
export function layoutAnswered(answered: Answered): Message {
  const shown = answered.shown;
  const index = shownChoiceIndex(answered);
  const label = answered.action
    ? buttonLabel(answered.action, { ...buttonContext(shown), first: index === 0 })
    : '';
  const line = answeredText(answered, label);
  const content = shown ? elementsOf(shown).filter((element) => element.kind !== 'buttons') : [];
  // A card retired by a typed answer keeps its own summary; a clicked one says who clicked what.
  const summary = !answered.action && shown ? summaryOf(shown) : line;
  return { elements: [...content, text(line, 'subtle')], summary };
}

/** Which of the shown reply's candidates was chosen (its first is worded "Yes, ..."). */
function shownChoiceIndex(answered: Answered): number {
  const { shown, action } = answered;
  if (shown?.kind !== 'confirm' || action?.type !== 'choose') return -1;
  return shown.candidates.findIndex((c) => c.code === action.code);
}
