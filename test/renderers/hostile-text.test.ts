/**
 * Text that did not come from our knowledge (team, channel and display
 * names, what a person typed) is shown escaped for the platform that shows
 * it: no live link, mention, emphasis or heading in a Teams card (TextBlock
 * markdown) or a Slack message (mrkdwn). One corpus, both platforms.
 */
import { describe, expect, it } from 'vitest';
import type { Answered, Reply } from '../../src/core/contract.js';
import {
  escapeTeamsMarkdown,
  messageToAdaptiveCard,
  toAdaptiveCard,
  toAnsweredCard,
} from '../../src/renderers/adaptive-card.js';
import { toAnsweredMessage, toBlockKit } from '../../src/renderers/block-kit.js';
import { unescapeMarkdown } from '../support/teams-harness.js';

const HOSTILE = [
  '[Reset your password](https://evil.example/phish)',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'https://evil.example/login',
  'www.evil.example',
  '<https://evil.example|Reset your password>',
  '<!channel> <!here> <@U012ABCDEF> <#C012345>',
  '<at>Everyone</at>',
  '**urgent** __now__ *it* _is_ ~~gone~~',
  '# Heading\n## Also',
  '`code` ```block```',
  '> quoted\n- listed\n1. numbered',
  'back\\slash \\[not\\](a link)',
  '<script>alert(1)</script>',
  '&lt;b&gt;entities&lt;/b&gt; &amp;',
  'Zero\u200bwidth \u202Eright-to-left',
];

const error = {
  code: '0x8024001E',
  name: 'WU_E_SERVICE_STOP',
  title: 'The update service stopped',
  source: 'curated' as const,
  meaning: 'meaning',
};

function repliesFor(name: string): Reply[] {
  const where = { platform: 'teams' as const, kind: 'channel' as const, label: `${name} #${name}` };
  return [
    {
      kind: 'handoff',
      summary: {
        error,
        tried: [{ number: 1, title: 'Reset', outcome: 'not-fixed' }],
        requestedBy: { id: 'u1', name },
        where,
        at: '2026-11-22T09:00:00.000Z',
        flowId: 'f1',
        delivered: 'not-configured',
        // What the person said is shown in the hand-off: hostile text too.
        said: [name],
        rejected: [],
        codes: [],
      },
    },
    { kind: 'no-match', text: name, after: 'nothing', rejected: [], choices: [] },
  ];
}

function answeredBy(name: string): Answered {
  return {
    by: { id: 'u1', name },
    action: { type: 'answer', answer: 'fixed', flowId: 'f1', step: 1 },
  };
}

/** Every markdown text of a card (TextBlocks, facts); TextRuns are not markdown. */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) markdownTexts(item, out);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
    if (typeof record.title === 'string' && typeof record.value === 'string') {
      out.push(record.title, record.value);
    }
    for (const value of Object.values(record))
      if (typeof value === 'object') markdownTexts(value, out);
  }
  return out;
}

/** A markdown construct left live: an unescaped special character, or a bare URL scheme. */
function liveMarkdown(text: string): string | null {
  const unescaped = /(^|[^\\])(\\\\)*([[\]()*_`#<>~])/;
  const match = unescaped.exec(text);
  if (match) return `unescaped ${match[3]} in ${JSON.stringify(text)}`;
  if (/:\/\//.test(text)) return `bare URL in ${JSON.stringify(text)}`;
  if (/\bwww\.(?!\\)/i.test(text) && !/www\\\./i.test(text))
    return `bare www in ${JSON.stringify(text)}`;
  return null;
}

describe('Teams: hostile names and messages stay text', () => {
  it.each(HOSTILE)('%j', (name) => {
    const cards = [
      ...repliesFor(name).map((reply) => toAdaptiveCard(reply).card),
      toAnsweredCard(answeredBy(name)).card,
    ];
    const texts = cards.flatMap((card) => markdownTexts(card));
    // The name is shown, and reads as typed once markdown has taken its escapes off.
    expect(texts.map(unescapeMarkdown).join('\n')).toContain(name.split('\n')[0]);
    for (const text of texts) {
      const problem = liveMarkdown(text.replace(/^\d+\\?\. /, ''));
      // Our own words may hold ( ) or similar only if escaped too: every text is.
      expect(problem).toBeNull();
    }
  });

  it('escapes each markdown character and defuses bare links', () => {
    expect(escapeTeamsMarkdown('[a](b)')).toBe('\\[a\\]\\(b\\)');
    expect(escapeTeamsMarkdown('*_`#<>~\\')).toBe('\\*\\_\\`\\#\\<\\>\\~\\\\');
    expect(escapeTeamsMarkdown('see https://x.example')).toBe('see https:\\/\\/x.example');
    expect(escapeTeamsMarkdown('www.x.example')).toBe('www\\.x.example');
    expect(escapeTeamsMarkdown('- item\n1. first')).toBe('\\- item\n1\\. first');
    expect(unescapeMarkdown(escapeTeamsMarkdown(HOSTILE.join(' ')))).toBe(HOSTILE.join(' '));
  });
});

describe('Teams: the one link we write', () => {
  it('is a link only for an http(s) URL, with its text escaped', () => {
    const card = (url: string) =>
      messageToAdaptiveCard({
        elements: [{ kind: 'link', text: 'Open ticket [INC1](x)', url }],
        summary: 's',
      }).card as { body: Array<{ text: string }> };
    expect(card('https://helpdesk.example/t/1').body[0]?.text).toBe(
      '[Open ticket \\[INC1\\]\\(x\\)](https://helpdesk.example/t/1)',
    );
    expect(card('javascript:alert(1)').body[0]?.text).toBe('Open ticket \\[INC1\\]\\(x\\)');
  });
});

describe('Slack: hostile names and messages stay text', () => {
  it.each(HOSTILE)('%j', (name) => {
    const messages = [
      ...repliesFor(name).map((reply) => toBlockKit(reply)),
      toAnsweredMessage(answeredBy(name)),
    ];
    for (const message of messages) {
      const all = JSON.stringify(message);
      // Slack reads <...> as links, mentions and special pings: none may come from the name.
      expect(all).not.toMatch(/<(https?:|!channel|!here|@U|#C|mailto:)/);
      expect(all).not.toContain('<script>');
    }
  });
});
