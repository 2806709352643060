/**
 * The neutral vocabulary every reply is laid out in, between the core's data
 * and a platform's format. The layout (`layout-reply.ts`) decides the words
 * and their order; a converter (Adaptive Card, Block Kit, terminal) decides
 * only how each of these few element kinds looks. Compare vercel/chat's
 * `cards.ts`: one card model, one converter per platform.
 */
import type { Action, Choice } from '../core/contract.js';

/**
 * How a line of text reads: `plain` body text; `strong` a bold line;
 * `detail` secondary text beside a heading; `subtle` an aside (context);
 * `note` a remark that stands out; `good` a success line.
 */
export type Tone = 'plain' | 'strong' | 'detail' | 'subtle' | 'note' | 'good';

export interface Button {
  label: string;
  action: Action;
  style?: Choice['style'];
}

export type Element =
  /** The message's title; `code` is the error headline shown above it. */
  | { kind: 'heading'; text: string; code?: string }
  /** A line of text; `separated` starts a new part of the message (a step). */
  | { kind: 'text'; text: string; tone: Tone; separated?: boolean }
  /** Something to be careful about before acting (admin prompt, restarts). */
  | { kind: 'caution'; text: string }
  /** Label and value pairs. */
  | { kind: 'facts'; facts: Array<[string, string]> }
  /** Numbered instructions. */
  | { kind: 'list'; items: string[] }
  /** A link to open (a helpdesk ticket). */
  | { kind: 'link'; text: string; url: string }
  /** A command to paste as is, under the label of the shell it runs in. */
  | { kind: 'command'; shell: string; run: string }
  /** A line quoted from the person's log: shown as code, word for word, never as markdown. */
  | { kind: 'quote'; text: string }
  /** What the person is asked to answer; ends the content before the buttons. */
  | { kind: 'question'; text: string }
  /**
   * Buttons. The `main` set answers the message (a card's own actions);
   * others sit inline where they appear (start on another code).
   */
  | { kind: 'buttons'; buttons: Button[]; main: boolean };

export interface Message {
  elements: Element[];
  /** One plain line for notifications, previews and screen readers. */
  summary: string;
}
