/**
 * Reply -> Adaptive Card 1.5 for Teams, plus the plain-text summary Teams
 * shows in notifications. Commands go in RichTextBlock runs: unlike a
 * TextBlock they are not read as markdown, so `*.bak` or `\` survive intact.
 */
import type { Choice, ErrorSummary, Reply } from '../core/contract.js';
import type { Step } from '../knowledge/types.js';
import {
  allStepsHeading,
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
  startOnLabel,
  stepCautionText,
  stepHeading,
  stepNoteText,
  summarise,
  TRIED_TITLE,
  triedLines,
  UI_PATH_LABELS,
  unknownCodeText,
  WELCOME_LINES,
} from './reply-text.js';

type Element = Record<string, unknown>;

export interface TeamsCard {
  card: Element;
  summary: string;
}

/** Marks our button payloads so the Teams adapter knows a click is ours. */
export const ACTION_KEY = 'wuerror';

const text = (value: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

function header(error: ErrorSummary): Element[] {
  return [
    text(errorHeadline(error), {
      fontType: 'Monospace',
      weight: 'Bolder',
      color: 'Accent',
      spacing: 'None',
    }),
    text(error.title, { size: 'Large', weight: 'Bolder', style: 'heading', spacing: 'Small' }),
  ];
}

function stepBody(step: Step, number: number, total: number): Element[] {
  const body: Element[] = [
    text(stepHeading(number, total, step.title), {
      weight: 'Bolder',
      size: 'Medium',
      separator: true,
      spacing: 'Medium',
    }),
    text(step.why, { isSubtle: true }),
  ];
  const caution = stepCautionText(step);
  if (caution) {
    body.push(
      text(`⚠ ${caution}`, {
        color: 'Warning',
        weight: 'Bolder',
        size: 'Small',
      }),
    );
  }
  if (step.note) body.push(text(stepNoteText(step.note), { color: 'Accent' }));
  if (step.ui) {
    body.push({
      type: 'FactSet',
      facts: [
        { title: UI_PATH_LABELS.windows11, value: step.ui.windows11 },
        { title: UI_PATH_LABELS.windows10, value: step.ui.windows10 },
      ],
    });
  }
  for (const [index, line] of step.instructions.entries()) {
    body.push(text(`${index + 1}. ${line}`, { spacing: 'Small' }));
  }
  for (const command of step.commands) {
    body.push(text(commandLabel(command), { size: 'Small', isSubtle: true, spacing: 'Small' }));
    body.push({
      type: 'RichTextBlock',
      spacing: 'None',
      inlines: [{ type: 'TextRun', text: command.run, fontType: 'Monospace' }],
    });
  }
  body.push(text(step.question, { weight: 'Bolder', separator: true, spacing: 'Medium' }));
  return body;
}

function toActions(choices: Choice[]): Element[] {
  return choices.map((choice) => ({
    type: 'Action.Submit',
    title: choice.label,
    data: { [ACTION_KEY]: choice.action },
    ...(choice.style ? { style: choice.style } : {}),
  }));
}

function bodyOf(reply: Reply): { body: Element[]; actions: Element[] } {
  switch (reply.kind) {
    case 'step': {
      const body = header(reply.error);
      if (reply.intro) body.push(text(reply.error.meaning));
      const note = reply.intro ? sourceNote(reply.error) : null;
      if (note) body.push(text(note, { isSubtle: true }));
      body.push(...stepBody(reply.step, reply.number, reply.total));
      const actions = toActions(reply.choices);
      if (reply.alsoMentioned.length > 0) {
        body.push(text(alsoMentionedText(reply.alsoMentioned), { isSubtle: true }));
        body.push({
          type: 'ActionSet',
          actions: toActions(
            reply.alsoMentioned.map((m) => ({
              label: startOnLabel(m.code),
              action: { type: 'start', code: m.code },
            })),
          ),
        });
      }
      return { body, actions };
    }
    case 'last-step-done':
      return {
        body: [...header(reply.error), text(LAST_STEP_TEXT)],
        actions: toActions(reply.choices),
      };
    case 'all-steps': {
      const body = [
        ...header(reply.error),
        text(allStepsHeading(reply.steps.length), { weight: 'Bolder' }),
      ];
      reply.steps.forEach((step, index) => {
        const marker = index === reply.current ? '▶ ' : index < reply.current ? '✓ ' : '';
        body.push(
          text(`${marker}${index + 1}. ${step.title}`, {
            weight: index === reply.current ? 'Bolder' : 'Default',
            spacing: 'Small',
          }),
        );
        body.push(text(step.why, { isSubtle: true, size: 'Small', spacing: 'None' }));
      });
      return { body, actions: toActions(reply.choices) };
    }
    case 'confirm':
      return {
        body: [
          text(reply.question, { weight: 'Bolder' }),
          {
            type: 'FactSet',
            facts: reply.candidates.map((c) => ({
              title: c.code,
              value: c.name ? `${c.title} (${c.name})` : c.title,
            })),
          },
        ],
        actions: toActions(reply.choices),
      };
    case 'fixed':
      return {
        body: [
          ...header(reply.error),
          text(FIXED_TEXT, { weight: 'Bolder', color: 'Good' }),
          ...triedLines(reply.tried).map((l) => text(l, { spacing: 'Small' })),
        ],
        actions: [],
      };
    case 'handoff':
      return {
        body: [
          text(handoffTitle(reply.summary), { size: 'Large', weight: 'Bolder', style: 'heading' }),
          {
            type: 'FactSet',
            facts: handoffFacts(reply.summary).map(([title, value]) => ({ title, value })),
          },
          text(TRIED_TITLE, { weight: 'Bolder' }),
          ...triedLines(reply.summary.tried).map((l) => text(l, { spacing: 'Small' })),
          text(deliveryNote(reply.summary), { isSubtle: true }),
        ],
        actions: [],
      };
    case 'unknown-code':
      return { body: [text(unknownCodeText(reply.code))], actions: [] };
    case 'no-match':
      return { body: NO_MATCH_LINES.map((l) => text(l)), actions: [] };
    case 'stale':
      return { body: [text(staleText(reply))], actions: [] };
    case 'not-understood': {
      const inner = reply.reprompt ? bodyOf(reply.reprompt) : { body: [], actions: [] };
      return {
        body: [text(NOT_UNDERSTOOD_TEXT, { weight: 'Bolder' }), ...inner.body],
        actions: inner.actions,
      };
    }
    case 'help':
      return { body: HELP_LINES.map((l) => text(l)), actions: [] };
    case 'welcome':
      return {
        body: WELCOME_LINES.map((l, i) => text(l, i === 0 ? { weight: 'Bolder' } : {})),
        actions: [],
      };
    case 'oops':
      return { body: [text(oopsText(reply.reference))], actions: [] };
    default: {
      const unreachable: never = reply;
      throw new Error(`unhandled reply ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Renderers (Teams' among them) show at most five actions in one set. */
const MAX_ACTIONS = 5;

export function toAdaptiveCard(reply: Reply): TeamsCard {
  const { body, actions: all } = bodyOf(reply);
  let actions = all;
  if (all.length > MAX_ACTIONS) {
    // The answers go right under the question; navigation stays at the bottom.
    const answers = all.slice(0, 3);
    actions = all.slice(3);
    body.push({ type: 'ActionSet', actions: answers });
  }
  const card: Element = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
  return { card, summary: summarise(reply) };
}

/** The card that replaces a clicked one: its content (if known) and who answered what, no buttons. */
export function toAnsweredCard(answered: { text: string; reply?: Reply }): TeamsCard {
  const body = answered.reply ? bodyOf(answered.reply).body : [];
  body.push(text(answered.text, { isSubtle: true, separator: true }));
  return {
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: { width: 'Full' },
      body,
    },
    summary: answered.text,
  };
}
