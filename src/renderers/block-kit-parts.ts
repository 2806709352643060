/**
 * The building blocks of the Slack renderer: escaping, text objects cut to
 * Slack's limits, buttons. Kept apart from `block-kit.ts` so that file reads
 * as the layout of each reply.
 */
import type { Button } from '../layout/message.js';
import { askedText } from '../layout/words.js';
import { encodeSlackAction, slackActionId } from './action-codec.js';

interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}

/**
 * The Block Kit blocks we send, typed here so nothing outside the Slack
 * adapter needs Slack's packages; each is a subset of Slack's KnownBlock.
 */
export type Block = { block_id?: string } & (
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: ButtonElement[] }
);

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  /** Slack truncates long messages around 40k; we stay far below for readability. */
  messageChars: 12_000,
} as const;

/**
 * mrkdwn reads `<...>` as pings and links and `&` as an entity, so every
 * piece of text we did not write ourselves goes through here: a user's
 * `<!channel>` then shows as text and pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const bold = (text: string) => `*${escapeMrkdwn(text)}*`;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function header(text: string): Block {
  return {
    type: 'header',
    text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: false },
  };
}

export function context(mrkdwn: string): Block {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: clip(mrkdwn, LIMITS.sectionText) }],
  };
}

export const divider = (): Block => ({ type: 'divider' });

/** A line longer than a whole section (never seen in the knowledge) is cut in pieces. */
function pieces(line: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < line.length; i += max) out.push(line.slice(i, i + max));
  return out.length > 0 ? out : [''];
}

/**
 * Already-formatted mrkdwn paragraphs -> as few sections as fit Slack's
 * 3000-character limit, breaking only between paragraphs or lines.
 */
export function sections(paragraphs: string[]): Block[] {
  const max = LIMITS.sectionText;
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    for (const line of paragraph.length <= max ? [paragraph] : paragraph.split('\n')) {
      for (const piece of pieces(line, max)) {
        const joined = current ? `${current}\n${piece}` : piece;
        if (joined.length <= max) {
          current = joined;
        } else {
          chunks.push(current);
          current = piece;
        }
      }
    }
  }
  if (current) chunks.push(current);
  return chunks.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/**
 * Commands as code blocks, one per line, so each can be copied as is. A code
 * block that would pass the section limit is split into several fences.
 */
export function codeBlocks(commands: string[]): string[] {
  const fence = (lines: string[]) => `\`\`\`\n${lines.join('\n')}\n\`\`\``;
  const budget = LIMITS.sectionText - fence([]).length;
  const blocks: string[][] = [[]];
  for (const command of commands.map(escapeMrkdwn)) {
    const last = blocks[blocks.length - 1] as string[];
    if (last.length > 0 && [...last, command].join('\n').length > budget) blocks.push([command]);
    else last.push(command);
  }
  return blocks.map(fence);
}

const STYLES = { positive: 'primary', destructive: 'danger' } as const;

/** Buttons carry the core Action as JSON; the adapter validates it when it comes back. */
export function actions(buttons: Button[]): Block {
  return {
    type: 'actions',
    elements: buttons.map((button) => ({
      type: 'button',
      action_id: slackActionId(0),
      text: { type: 'plain_text', text: clip(button.label, LIMITS.buttonText), emoji: false },
      value: encodeSlackAction(button.action),
      ...(button.style ? { style: STYLES[button.style] } : {}),
    })),
  };
}

/** Slack wants action ids unique within a message: number the buttons in order. */
export function numberButtons(blocks: Block[]): Block[] {
  let next = 0;
  return blocks.map((block) =>
    block.type === 'actions'
      ? {
          ...block,
          elements: block.elements.map((element) =>
            element.type === 'button' ? { ...element, action_id: slackActionId(next++) } : element,
          ),
        }
      : block,
  );
}

/** Who asked what, shown above a slash command's answer. */
export interface Asked {
  by: string;
  question: string;
}

/** Marks the "who asked" line, so it survives when a clicked message is rebuilt. */
export const ASKED_BLOCK_ID = 'wuerror-asked';
/** A pasted log can be long; the channel needs only enough to recognise the question. */
const ASKED_MAX_CHARS = 200;

/**
 * "alex asked: `0x8024001E`". The question is a person's raw text, so it is
 * escaped and set as code, where Slack turns neither pings nor bare URLs
 * into anything live; its own backticks would end the code span early.
 */
function askedLine(asked: Asked): string {
  const question = asked.question.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const clipped =
    question.length > ASKED_MAX_CHARS ? `${question.slice(0, ASKED_MAX_CHARS - 1)}…` : question;
  return askedText(escapeMrkdwn(asked.by), clipped ? `\`${escapeMrkdwn(clipped)}\`` : '');
}

export function askedBlock(asked: Asked): Block {
  return { ...context(askedLine(asked)), block_id: ASKED_BLOCK_ID };
}
