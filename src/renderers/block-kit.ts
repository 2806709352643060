/**
 * Message -> Slack Block Kit: the same content as the Teams card, in Slack's
 * layout, with the message's summary as the top-level `text` Slack shows in
 * notifications and to screen readers. Every piece of text is escaped for
 * mrkdwn, and long text is spread over sections so no block passes Slack's
 * limits.
 */
import type { Answered, Reply } from '../core/contract.js';
import { layoutAnswered, layoutReply } from '../layout/layout-reply.js';
import type { Element, Message } from '../layout/message.js';
import {
  ASKED_BLOCK_ID,
  type Asked,
  actions,
  askedBlock,
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

export type { Asked, Block } from './block-kit-parts.js';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * Consecutive text elements share sections (as few as fit the limits), so a
 * step reads as one paragraph group; headings, cautions, asides and buttons
 * are blocks of their own and end a group.
 */
function toBlocks(elements: Element[]): Block[] {
  const blocks: Block[] = [];
  let paragraphs: string[] = [];
  let commands: { shell: string; runs: string[] } | null = null;
  const flushCommands = () => {
    if (commands)
      paragraphs.push(`_${escapeMrkdwn(commands.shell)}_`, ...codeBlocks(commands.runs));
    commands = null;
  };
  const flush = () => {
    flushCommands();
    if (paragraphs.length > 0) blocks.push(...sections(paragraphs));
    paragraphs = [];
  };
  for (const element of elements) {
    if (element.kind !== 'command') flushCommands();
    switch (element.kind) {
      case 'heading':
        flush();
        if (element.code) blocks.push(header(element.code), ...sections([bold(element.text)]));
        else blocks.push(header(element.text));
        break;
      case 'text':
        if (element.separated) {
          flush();
          blocks.push(divider());
        }
        if (element.tone === 'subtle') {
          flush();
          blocks.push(context(escapeMrkdwn(element.text)));
        } else if (element.tone === 'strong') {
          paragraphs.push(bold(element.text));
        } else if (element.tone === 'good') {
          flush();
          paragraphs.push(`:white_check_mark: ${bold(element.text)}`);
        } else {
          paragraphs.push(escapeMrkdwn(element.text));
        }
        break;
      case 'caution':
        flush();
        blocks.push(context(`:warning: *${escapeMrkdwn(element.text)}*`));
        break;
      case 'facts':
        paragraphs.push(
          ...element.facts.map(
            ([title, value]) => `*${escapeMrkdwn(title)}:* ${escapeMrkdwn(value)}`,
          ),
        );
        break;
      case 'list':
        paragraphs.push(...element.items.map((item, i) => `${i + 1}. ${escapeMrkdwn(item)}`));
        break;
      case 'command': {
        // Consecutive commands for the same prompt share one code block, one command a line.
        const open = commands as { shell: string; runs: string[] } | null;
        if (open?.shell === element.shell) open.runs.push(element.run);
        else {
          flushCommands();
          commands = { shell: element.shell, runs: [element.run] };
        }
        break;
      }
      case 'quote':
        paragraphs.push(...codeBlocks([element.text]));
        break;
      case 'question':
        flush();
        blocks.push(...sections([bold(element.text)]));
        break;
      case 'link':
        paragraphs.push(`<${linkUrl(element.url)}|${escapeMrkdwn(element.text)}>`);
        break;
      case 'buttons':
        flush();
        blocks.push(actions(element.buttons));
        break;
      default: {
        const unreachable: never = element;
        throw new Error(`unhandled element ${JSON.stringify(unreachable)}`);
      }
    }
  }
  flush();
  return blocks;
}

/** A URL inside Slack's <url|text>: the characters that would end it are percent-encoded. */
function linkUrl(url: string): string {
  return url.replace(
    /[|<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

export function messageToBlockKit(message: Message, options: { asked?: Asked } = {}): SlackMessage {
  const blocks = toBlocks(message.elements);
  if (options.asked) blocks.unshift(askedBlock(options.asked));
  return { text: escapeMrkdwn(message.summary), blocks: numberButtons(blocks) };
}

export function toBlockKit(reply: Reply, options: { asked?: Asked } = {}): SlackMessage {
  return messageToBlockKit(layoutReply(reply), options);
}

/** A short note on its own (the bot is too busy): one plain text section. */
export function toNoteMessage(text: string): SlackMessage {
  return messageToBlockKit({ elements: [{ kind: 'text', text, tone: 'plain' }], summary: text });
}

/**
 * The message that replaces a clicked one: its content without buttons, and
 * who answered what. The "who asked" line of a slash command's answer is
 * kept; when the core sends no copy of the reply, the message's own blocks
 * are kept and only their buttons go.
 */
export function toAnsweredMessage(answered: Answered, previous: Block[] = []): SlackMessage {
  const message = layoutAnswered(answered);
  const asked = previous.filter((block) => block.block_id === ASKED_BLOCK_ID);
  const line = context(escapeMrkdwn(message.summary));
  const content = answered.shown
    ? [...asked, ...toBlocks(message.elements.slice(0, -1))]
    : previous.filter((block) => block.type !== 'actions');
  return { text: escapeMrkdwn(message.summary), blocks: [...content, line] };
}
