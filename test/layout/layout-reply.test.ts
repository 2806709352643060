/**
 * The layout step on its own: every reply kind becomes a Message in the
 * neutral vocabulary, every button is worded, and the three converters all
 * start from that one Message (same summary, same button actions).
 */
import { describe, expect, it } from 'vitest';
import { allStepsReply, explainReply, stepReply } from '../../src/core/build-replies.js';
import type { Reply } from '../../src/core/contract.js';
import type { FlowState } from '../../src/core/conversation-state.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { layoutAnswered, layoutReply } from '../../src/layout/layout-reply.js';
import { messageToAdaptiveCard } from '../../src/renderers/adaptive-card.js';
import { messageToBlockKit } from '../../src/renderers/block-kit.js';
import { messageToTerminalText } from '../../src/renderers/terminal.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import { blockKitProblems } from '../support/check-block-kit.js';
import { cardProblems } from '../support/validate-adaptive-card.js';

const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const match = resolver.describe('0x8024001E');
const steps = match.entry?.steps ?? [];
const flow = (step: number): FlowState => ({
  id: 'f1',
  code: '0x8024001E',
  step,
  total: steps.length,
  tried: [],
  status: 'active',
  startedBy: { id: 'u1' },
  startedAt: '2026-11-22T09:05:00.000Z',
});
const checkStep = steps.findIndex((s) => s.kind === 'check');
const fixStep = steps.findIndex((s) => s.kind !== 'check');

const fixtures: Array<[string, Reply]> = [
  ['first step', stepReply(flow(0), match, { intro: true })],
  ['check step', stepReply(flow(checkStep), match, { intro: false })],
  ['fix step', stepReply(flow(fixStep), match, { intro: false })],
  ['all steps', allStepsReply(flow(2), match)],
  ['explain by code', explainReply(resolver.resolve('0x8024001E and 0x80240FFF'))],
  ['explain by symptom', explainReply(resolver.resolve('updates fail behind our proxy'))],
  ['explain nothing', explainReply(resolver.resolve('lunch?'))],
  [
    "explain another program's code",
    explainReply(resolver.resolve('The installer of this tool fails with 0x80070643')),
  ],
  [
    "another program's code in chat",
    {
      kind: 'no-match',
      text: 'The installer of this tool fails with 0x80070643',
      after: 'nothing',
      rejected: [],
      otherProgram: ['0x80070643'],
      choices: [{ action: { type: 'move', move: 'human' } }],
    },
  ],
];

const labelsOf = (reply: Reply) =>
  layoutReply(reply).elements.flatMap((e) =>
    e.kind === 'buttons' ? e.buttons.map((b) => b.label) : [],
  );

describe('layoutReply', () => {
  it.each(fixtures)('lays out %s once for every platform', (_what, reply) => {
    const message = layoutReply(reply);
    expect(message.summary.length).toBeGreaterThan(0);
    const card = messageToAdaptiveCard(message);
    const slack = messageToBlockKit(message);
    // The one-shot answer is for a terminal: every step at once is more than a chat message holds.
    const oneShot = reply.kind === 'explain';
    expect(cardProblems(card.card).filter((p) => !oneShot || !p.includes('bytes'))).toEqual([]);
    expect(blockKitProblems(slack).filter((p) => !oneShot || !/\(max \d+\)/.test(p))).toEqual([]);
    expect(card.summary).toBe(message.summary);
    const actions = message.elements.flatMap((e) =>
      e.kind === 'buttons' ? e.buttons.map((b) => b.action) : [],
    );
    const values = slack.blocks.flatMap((b) =>
      b.type === 'actions'
        ? b.elements.map((e) => JSON.parse('value' in e ? (e.value ?? '') : ''))
        : [],
    );
    expect(values).toEqual(actions);
    expect(messageToTerminalText(message).length).toBeGreaterThan(0);
  });

  it("says why another program's code gets no Windows Update fix, in chat and in the terminal", () => {
    for (const [what, reply] of fixtures.filter(([w]) => w.includes("another program's code"))) {
      const message = layoutReply(reply);
      const all = `${message.summary}\n${messageToTerminalText(message)}`;
      expect(all, what).toContain('0x80070643 there looks like the other program');
      expect(all, what).toContain('send the code on its own');
      expect(all, what).not.toContain('could not match');
    }
  });

  it('names an unknown code when the one-shot answer explains the description instead', () => {
    const reply = explainReply(
      resolver.resolve(
        'The cumulative update installs, then at the restart it says "Failure configuring Windows updates. Reverting changes" and rolls back. mispace.mof: error SYNTAX 0X8004402f',
      ),
    );
    const shown = messageToTerminalText(layoutReply(reply));
    expect(shown).toContain('0x8004402F in that text is not a code I know');
    expect(shown).not.toContain('Unknown error code');
  });

  it('words the buttons by where they are: a check step is answered yes or no', () => {
    expect(labelsOf(fixtures[1]?.[1] as Reply).slice(0, 2)).toEqual(['Yes', 'No']);
    expect(labelsOf(fixtures[2]?.[1] as Reply).slice(0, 2)).toEqual([
      'Yes, fixed',
      'No, still failing',
    ]);
    expect(labelsOf(allStepsReply(flow(fixStep), match))).not.toContain('All steps');
  });

  it('asks "Is that it?" in the layout, from the candidates the core gives', () => {
    const reply: Reply = {
      kind: 'confirm',
      flowId: 'f',
      candidates: [
        { code: '0x8024401B', name: 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', title: 'Proxy' },
      ],
      choices: [
        { action: { type: 'choose', code: '0x8024401B', flowId: 'f' }, style: 'positive' },
        { action: { type: 'none-of-these', flowId: 'f' } },
      ],
    };
    const message = layoutReply(reply);
    expect(message.summary).toBe(
      'It sounds like 0x8024401B (WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ): Proxy. Is that it?',
    );
    expect(labelsOf(reply)).toEqual(['Yes, 0x8024401B', 'None of these']);
  });

  it('words an answer from data: who, which button, on which reply', () => {
    const shown = stepReply(flow(checkStep), match, { intro: false });
    const no = { type: 'answer', answer: 'not-fixed', flowId: 'f1', step: checkStep } as const;
    expect(layoutAnswered({ by: { id: 'u1', name: 'Alex' }, action: no, shown }).summary).toBe(
      'Alex answered: No',
    );
    expect(layoutAnswered({ by: { id: 'u1' }, action: no }).summary).toBe(
      'Someone answered: No, still failing',
    );
    const chose = { type: 'choose', code: '0x8024401B', flowId: 'f' } as const;
    expect(layoutAnswered({ by: { id: 'u1', name: 'Alex' }, action: chose }).summary).toBe(
      'Alex chose 0x8024401B',
    );
    const answered = layoutAnswered({ by: { id: 'u1', name: 'Alex' }, action: no, shown });
    expect(answered.elements.some((e) => e.kind === 'buttons')).toBe(false);
  });
});
