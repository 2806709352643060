/**
 * Message -> Adaptive Card 1.5 for Teams, with the message's summary for
 * notifications. Commands go in RichTextBlock runs: unlike a TextBlock they
 * are not read as markdown, so `*.bak` or `\` survive intact.
 *
 * Buttons are Universal Actions (Action.Execute): a click comes back as an
 * `adaptiveCard/action` invoke that the bot answers with the card to show in
 * place of the clicked one, with no call to the connector. Each carries an
 * Action.Submit with the same title and data as its `fallback`, for Teams
 * clients without Universal Actions (their click comes as a message, as
 * before), and every button sits in an ActionSet: Microsoft's "Universal
 * Bot action model" page strongly recommends it, since some older clients
 * honour `fallback` only there
 * (https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model#teams).
 *
 * Every other text goes in a TextBlock or FactSet, which Teams reads as
 * markdown: a team, channel or display name such as
 * `[Reset your password](https://evil.example)` would become a live link.
 * So every such text is escaped here (our knowledge holds no markdown, so
 * nothing of ours is lost), and so is a bare URL's `://` and `www.`.
 */
import type { Answered, Reply } from '../core/contract.js';
import { layoutAnswered, layoutReply } from '../layout/layout-reply.js';
import type { Button, Element, Message, Tone } from '../layout/message.js';
import { encodeTeamsAction, TEAMS_ACTION_VERB } from './action-codec.js';

type CardElement = Record<string, unknown>;

export interface TeamsCard {
  card: CardElement;
  summary: string;
}

/** Markdown's active characters, each escaped with a backslash (CommonMark). */
const MARKDOWN_SPECIALS = /[\\`*_[\]()#<>~]/g;

/** Plain text -> TextBlock markdown that shows exactly that text, with no link, emphasis or heading. */
export function escapeTeamsMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`)
    .replace(
      /^(\s*)([-+=]|\d+[.)])(?=\s|$)/gm,
      (_all, space: string, mark: string) => `${space}${mark.replace(/([-+=.)])$/, '\\$1')}`,
    );
}

const textBlock = (value: string, extra: CardElement = {}): CardElement => ({
  type: 'TextBlock',
  text: escapeTeamsMarkdown(value),
  wrap: true,
  ...extra,
});

const TONES: Record<Tone, CardElement> = {
  plain: {},
  strong: { weight: 'Bolder' },
  detail: { isSubtle: true },
  subtle: { isSubtle: true },
  note: { color: 'Accent' },
  good: { weight: 'Bolder', color: 'Good' },
};

function toActions(buttons: Button[]): CardElement[] {
  return buttons.map((button) => {
    const data = encodeTeamsAction(button.action);
    const style = button.style ? { style: button.style } : {};
    return {
      type: 'Action.Execute',
      title: button.label,
      verb: TEAMS_ACTION_VERB,
      data,
      ...style,
      fallback: { type: 'Action.Submit', title: button.label, data, ...style },
    };
  });
}

function convert(element: Element, body: CardElement[], actions: CardElement[]): void {
  switch (element.kind) {
    case 'heading':
      if (element.code) {
        body.push(
          textBlock(element.code, {
            fontType: 'Monospace',
            weight: 'Bolder',
            color: 'Accent',
            spacing: 'None',
          }),
        );
      }
      body.push(
        textBlock(element.text, {
          size: 'Large',
          weight: 'Bolder',
          style: 'heading',
          ...(element.code ? { spacing: 'Small' } : {}),
        }),
      );
      return;
    case 'text':
      body.push(
        textBlock(element.text, {
          ...TONES[element.tone],
          ...(element.separated ? { size: 'Medium', separator: true, spacing: 'Medium' } : {}),
        }),
      );
      return;
    case 'caution':
      body.push(
        // The theme's own text colour: Teams' yellow "Warning" is hard to read on white.
        textBlock(`⚠ ${element.text}`, { weight: 'Bolder', size: 'Small' }),
      );
      return;
    case 'facts':
      body.push({
        type: 'FactSet',
        facts: element.facts.map(([title, value]) => ({
          title: escapeTeamsMarkdown(title),
          value: escapeTeamsMarkdown(value),
        })),
      });
      return;
    case 'list':
      element.items.forEach((item, index) => {
        // The number is ours and stays a list marker; only the item is escaped.
        body.push({
          ...textBlock(item, { spacing: 'Small' }),
          text: `${index + 1}. ${escapeTeamsMarkdown(item)}`,
        });
      });
      return;
    case 'command':
      body.push(textBlock(element.shell, { size: 'Small', isSubtle: true, spacing: 'Small' }));
      body.push({
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [{ type: 'TextRun', text: element.run, fontType: 'Monospace' }],
      });
      return;
    case 'quote':
      // A RichTextBlock's runs are never read as markdown: the line shows as it was logged.
      body.push({
        type: 'RichTextBlock',
        spacing: 'Small',
        inlines: [{ type: 'TextRun', text: element.text, fontType: 'Monospace' }],
      });
      return;
    case 'question':
      body.push(textBlock(element.text, { weight: 'Bolder', separator: true, spacing: 'Medium' }));
      return;
    case 'link':
      // The one markdown we write ourselves: escaped text, an http(s) URL made safe to embed.
      body.push({
        ...textBlock(element.text),
        ...(/^https?:\/\//i.test(element.url)
          ? { text: `[${escapeLinkText(element.text)}](${linkUrl(element.url)})` }
          : {}),
      });
      return;
    case 'buttons':
      if (element.main) actions.push(...toActions(element.buttons));
      else body.push({ type: 'ActionSet', actions: toActions(element.buttons) });
      return;
    default: {
      const unreachable: never = element;
      throw new Error(`unhandled element ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Link text in card markdown: escaped like any text (brackets would end it early). */
function escapeLinkText(text: string): string {
  return escapeTeamsMarkdown(text);
}

/** A URL in card markdown: the characters that would end it are percent-encoded. */
function linkUrl(url: string): string {
  return url.replace(
    /[()\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Renderers (Teams' among them) show at most five actions in one set. */
const MAX_ACTIONS = 5;

export function messageToAdaptiveCard(message: Message): TeamsCard {
  const body: CardElement[] = [];
  const actions: CardElement[] = [];
  for (const element of message.elements) convert(element, body, actions);
  // The main buttons close the card, in an ActionSet (see the top of this file).
  if (actions.length > MAX_ACTIONS) {
    // The answers go right under the question; navigation stays at the bottom.
    body.push({ type: 'ActionSet', actions: actions.slice(0, 3) });
    body.push({ type: 'ActionSet', actions: actions.slice(3) });
  } else if (actions.length > 0) {
    body.push({ type: 'ActionSet', actions });
  }
  const card: CardElement = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
  return { card, summary: message.summary };
}

export function toAdaptiveCard(reply: Reply): TeamsCard {
  return messageToAdaptiveCard(layoutReply(reply));
}

/** The card that replaces a clicked one: its content (if known) and who answered what, no buttons. */
export function toAnsweredCard(answered: Answered): TeamsCard {
  const message = layoutAnswered(answered);
  const { card } = messageToAdaptiveCard(message);
  // The answered line is set off from the content above it.
  const body = card.body as CardElement[];
  const last = body[body.length - 1];
  if (last) body[body.length - 1] = { ...last, separator: true };
  return { card, summary: message.summary };
}
