/**
 * Reply -> Slack Block Kit message: the same content as the Teams card, in
 * Slack's layout, with the top-level `text` Slack shows in notifications and
 * to screen readers. Every piece of text from knowledge or from people is
 * escaped for mrkdwn, and long text is spread over sections so no block
 * passes Slack's limits.
 */
import type { ErrorSummary, Reply } from '../core/contract.js';
import type { Step } from '../knowledge/types.js';
import {
  ASKED_BLOCK_ID,
  type Asked,
  actions,
  askedBlock,
  askedLine,
  type Block,
  bold,
  codeBlocks,
  context,
  divider,
  escapeMrkdwn,
  header,
  numberButtons,
  sections,
} from './block-kit-parts.js';
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

export type { Asked, Block } from './block-kit-parts.js';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const plain = (lines: readonly string[]) => sections(lines.map(escapeMrkdwn));

function errorHeader(error: ErrorSummary): Block[] {
  return [header(errorHeadline(error)), ...sections([bold(error.title)])];
}

/** Consecutive commands for the same prompt share one code block, one command a line. */
function commandParagraphs(step: Step): string[] {
  const groups: Array<{ label: string; runs: string[] }> = [];
  for (const command of step.commands) {
    const label = commandLabel(command);
    const last = groups[groups.length - 1];
    if (last?.label === label) last.runs.push(command.run);
    else groups.push({ label, runs: [command.run] });
  }
  return groups.flatMap((g) => [`_${escapeMrkdwn(g.label)}_`, ...codeBlocks(g.runs)]);
}

function stepBlocks(step: Step, number: number, total: number): Block[] {
  const blocks: Block[] = [
    divider(),
    ...sections([bold(stepHeading(number, total, step.title)), escapeMrkdwn(step.why)]),
  ];
  const caution = stepCautionText(step);
  if (caution) blocks.push(context(`:warning: *${escapeMrkdwn(caution)}*`));
  const body: string[] = [];
  if (step.note) body.push(escapeMrkdwn(stepNoteText(step.note)));
  if (step.ui) {
    body.push(`*${UI_PATH_LABELS.windows11}:* ${escapeMrkdwn(step.ui.windows11)}`);
    body.push(`*${UI_PATH_LABELS.windows10}:* ${escapeMrkdwn(step.ui.windows10)}`);
  }
  body.push(...step.instructions.map((line, i) => `${i + 1}. ${escapeMrkdwn(line)}`));
  body.push(...commandParagraphs(step));
  blocks.push(...sections(body), ...sections([bold(step.question)]));
  return blocks;
}

function blocksOf(reply: Reply): Block[] {
  switch (reply.kind) {
    case 'step': {
      const blocks = errorHeader(reply.error);
      if (reply.intro) blocks.push(...plain([reply.error.meaning]));
      const note = reply.intro ? sourceNote(reply.error) : null;
      if (note) blocks.push(context(escapeMrkdwn(note)));
      blocks.push(...stepBlocks(reply.step, reply.number, reply.total));
      if (reply.choices.length > 0) blocks.push(actions(reply.choices));
      if (reply.alsoMentioned.length > 0) {
        blocks.push(context(escapeMrkdwn(alsoMentionedText(reply.alsoMentioned))));
        blocks.push(
          actions(
            reply.alsoMentioned.map((m) => ({
              label: startOnLabel(m.code),
              action: { type: 'start', code: m.code },
            })),
          ),
        );
      }
      return blocks;
    }
    case 'last-step-done':
      return withButtons([...errorHeader(reply.error), ...plain([LAST_STEP_TEXT])], reply);
    case 'all-steps': {
      const lines = reply.steps.map((step, index) => {
        const marker = index === reply.current ? '▶ ' : index < reply.current ? '✓ ' : '';
        const title = `${marker}${index + 1}. ${step.title}`;
        const shown = index === reply.current ? bold(title) : escapeMrkdwn(title);
        return `${shown}\n${escapeMrkdwn(step.why)}`;
      });
      return withButtons(
        [
          ...errorHeader(reply.error),
          ...sections([bold(allStepsHeading(reply.steps.length))]),
        ].concat(sections(lines)),
        reply,
      );
    }
    case 'confirm': {
      const candidates = reply.candidates.map(
        (c) => `*${c.code}*  ${escapeMrkdwn(c.name ? `${c.title} (${c.name})` : c.title)}`,
      );
      return withButtons(sections([bold(reply.question), ...candidates]), reply);
    }
    case 'fixed':
      return [
        ...errorHeader(reply.error),
        ...sections([`:white_check_mark: ${bold(FIXED_TEXT)}`]),
        ...plain(triedLines(reply.tried)),
      ];
    case 'handoff': {
      const facts = handoffFacts(reply.summary).map(
        ([title, value]) => `*${escapeMrkdwn(title)}:* ${escapeMrkdwn(value)}`,
      );
      return [
        header(handoffTitle(reply.summary)),
        ...sections(facts),
        ...sections([bold(TRIED_TITLE), ...triedLines(reply.summary.tried).map(escapeMrkdwn)]),
        context(escapeMrkdwn(deliveryNote(reply.summary))),
      ];
    }
    case 'unknown-code':
      return plain([unknownCodeText(reply.code)]);
    case 'no-match':
      return plain(NO_MATCH_LINES);
    case 'stale':
      return plain([staleText(reply)]);
    case 'not-understood':
      return [
        ...sections([bold(NOT_UNDERSTOOD_TEXT)]),
        ...(reply.reprompt ? blocksOf(reply.reprompt) : []),
      ];
    case 'help':
      return plain(HELP_LINES);
    case 'welcome':
      return [...sections([bold(WELCOME_LINES[0] ?? '')]), ...plain(WELCOME_LINES.slice(1))];
    case 'oops':
      return plain([oopsText(reply.reference)]);
    default: {
      const unreachable: never = reply;
      throw new Error(`unhandled reply ${JSON.stringify(unreachable)}`);
    }
  }
}

function withButtons(blocks: Block[], reply: { choices: Parameters<typeof actions>[0] }): Block[] {
  return reply.choices.length > 0 ? [...blocks, actions(reply.choices)] : blocks;
}

export function toBlockKit(reply: Reply, options: { asked?: Asked } = {}): SlackMessage {
  const blocks = blocksOf(reply);
  if (options.asked) blocks.unshift(askedBlock(options.asked));
  return { text: escapeMrkdwn(summarise(reply)), blocks: numberButtons(blocks) };
}

/** What a slash command shows while the answer is worked out. */
export function toPendingMessage(asked: Asked): SlackMessage {
  return { text: askedLine(asked), blocks: [askedBlock(asked)] };
}

/**
 * The message that replaces a clicked one: its content without buttons, and
 * who answered what. The "who asked" line of a slash command's answer is
 * kept; when the core sends no copy of the card, the message's own blocks
 * are kept and only their buttons go.
 */
export function toAnsweredMessage(
  answered: { text: string; reply?: Reply },
  previous: Block[] = [],
): SlackMessage {
  const asked = previous.filter((block) => block.block_id === ASKED_BLOCK_ID);
  const content = answered.reply ? [...asked, ...blocksOf(answered.reply)] : previous;
  return {
    text: escapeMrkdwn(answered.text),
    blocks: [
      ...content.filter((block) => block.type !== 'actions'),
      context(escapeMrkdwn(answered.text)),
    ],
  };
}
