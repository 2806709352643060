/**
 * Message -> plain text for a terminal: the chat (`wuerror` with no
 * arguments) and the one-shot answer (`wuerror <code>`). Buttons become a
 * hint of words to type, since a terminal has no buttons.
 */
import type { Reply } from '../core/contract.js';
import { layoutReply } from '../layout/layout-reply.js';
import type { Element, Message } from '../layout/message.js';
import { typedAnswer } from '../layout/words.js';

function linesOf(element: Element): string[] {
  switch (element.kind) {
    case 'heading':
      return [element.code ? `${element.code}: ${element.text}` : element.text];
    case 'text':
      // A new part (a step, a titled list) is set off by a blank line.
      return element.separated || element.tone === 'strong' ? ['', element.text] : [element.text];
    case 'caution':
      return [`! ${element.text}`];
    case 'facts':
      return element.facts.map(([title, value]) => `${title}: ${value}`);
    case 'list':
      return element.items.map((item, i) => `  ${i + 1}. ${item}`);
    case 'command':
      return [`  [${element.shell}]`, `      ${element.run}`];
    case 'quote':
      return [`    ${element.text}`];
    case 'question':
      return ['', element.text];
    case 'link':
      return [`${element.text}: ${element.url}`];
    case 'buttons': {
      // Inline buttons (start on another code) need no hint: typing the code does it.
      if (!element.main) return [];
      const words = [...new Set(element.buttons.map((b) => typedAnswer(b.action)))];
      return [`(answer: ${words.join(' / ')})`];
    }
    default: {
      const unreachable: never = element;
      throw new Error(`unhandled element ${JSON.stringify(unreachable)}`);
    }
  }
}

export function messageToTerminalText(message: Message): string {
  const lines: string[] = [];
  for (const [index, element] of message.elements.entries()) {
    const next = linesOf(element);
    const previous = message.elements[index - 1];
    // The hint goes on the question's own line.
    if (element.kind === 'buttons' && previous?.kind === 'question' && next[0]) {
      lines[lines.length - 1] = `${lines[lines.length - 1]} ${next[0]}`;
    } else {
      lines.push(...next);
    }
  }
  return lines.join('\n').replace(/^\n+/, '');
}

export function toTerminalText(reply: Reply): string {
  return messageToTerminalText(layoutReply(reply));
}

/** The terminal's width in columns; undefined when output is not a terminal (no wrapping). */
export function terminalWidth(stream: { columns?: number; isTTY?: boolean }): number | undefined {
  return stream.isTTY && stream.columns && stream.columns > 20 ? stream.columns : undefined;
}

/**
 * Wraps prose at spaces to fit `width`, continuing a line under its own
 * indentation (and under the text of a "1. " item). Command lines (indented
 * six spaces) are never broken, so they still paste as one command.
 */
export function wrapText(text: string, width: number | undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width || line.startsWith('      ')) return [line];
      const indent = /^(\s*(?:\d+\. |! )?)/.exec(line)?.[1] ?? '';
      const hanging = ' '.repeat(indent.length);
      const out: string[] = [];
      let current = indent;
      for (const word of line.slice(indent.length).split(' ')) {
        const start = current === indent || current === hanging;
        if (!start && current.length + 1 + word.length > width) {
          out.push(current);
          current = hanging + word;
        } else {
          current = start ? current + word : `${current} ${word}`;
        }
      }
      out.push(current);
      return out;
    })
    .join('\n');
}
