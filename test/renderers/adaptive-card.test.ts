/** Every kind of reply renders as a valid Adaptive Card 1.5 with a summary. */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/contract.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { toAdaptiveCard, toAnsweredCard } from '../../src/renderers/adaptive-card.js';
import { cardProblems } from '../support/validate-adaptive-card.js';

const knowledge = loadKnowledge();
const entry = knowledge.entries.get('0x8024001E');
if (!entry) throw new Error('fixture entry missing');
const error = {
  code: entry.code,
  name: entry.name,
  title: entry.title,
  source: 'curated' as const,
  meaning: entry.meaning,
};
const where = { platform: 'teams' as const, kind: 'channel' as const, label: '#helpdesk' };
const replies: Reply[] = [
  ...entry.steps.map(
    (step, i): Reply => ({
      kind: 'step',
      flowId: 'f',
      error,
      intro: i === 0,
      step,
      number: i + 1,
      total: entry.steps.length,
      choices: [
        {
          action: { type: 'answer', answer: 'fixed', flowId: 'f', step: i },
          style: 'positive',
        },
      ],
      alsoMentioned: [{ code: '0x80244022', title: 'Service unavailable' }],
    }),
  ),
  { kind: 'last-step-done', flowId: 'f', error, choices: [] },
  { kind: 'all-steps', flowId: 'f', error, steps: entry.steps, current: 2, choices: [] },
  {
    kind: 'confirm',
    flowId: 'f',
    candidates: [{ code: '0x8024401B', name: null, title: 'Proxy' }],
    choices: [],
  },
  { kind: 'fixed', error, tried: [{ number: 1, title: 'Reset', outcome: 'fixed' }] },
  {
    kind: 'handoff',
    summary: {
      error,
      tried: [],
      requestedBy: { id: 'u' },
      where,
      at: '2026-11-22T09:00:00.000Z',
      flowId: 'f',
      delivered: 'webhook',
      said: ['updates fail [badly] (see log)'],
      rejected: [{ code: '0x8024401B', title: 'Proxy' }],
      codes: ['0x8024001E'],
      ticket: { id: 'INC0012345', url: 'https://helpdesk.example/ticket/INC0012345' },
    },
  },
  { kind: 'unknown-code', code: '0xDEADBEEF' },
  {
    kind: 'no-match',
    text: 'x',
    after: 'rejected',
    rejected: [{ code: '0x8024401B', title: 'Proxy' }],
    choices: [{ action: { type: 'move', move: 'human' } }],
  },
  {
    kind: 'did-you-mean',
    typed: '0x802401E',
    suggestions: [
      { code: '0x8024001E', title: 'Service stopped' },
      { code: '0x8024401E', title: 'Proxy' },
    ],
    choices: [{ action: { type: 'start', code: '0x8024001E' } }],
  },
  { kind: 'note', note: 'off-topic', current: { code: '0x8024001E', number: 2, total: 5 } },
  {
    kind: 'handoff-status',
    status: 'picked-up',
    by: 'Dana',
    message: 'On it',
    error: { code: '0x8024001E', title: 'Service stopped' },
    ticket: { id: 'INC0012345', url: 'https://helpdesk.example/t/1' },
  },
  { kind: 'stale', current: null },
  { kind: 'help' },
  { kind: 'welcome' },
  { kind: 'oops', reference: 'abc' },
];

describe('toAdaptiveCard', () => {
  it.each(replies.map((r) => [r.kind, r] as const))(
    'renders %s as a valid card with a summary',
    (_kind, reply) => {
      const { card, summary } = toAdaptiveCard(reply);
      expect(cardProblems(card)).toEqual([]);
      expect(summary.length).toBeGreaterThan(0);
    },
  );

  it('renders every step of every curated entry within the size limit', () => {
    for (const e of knowledge.entries.values()) {
      e.steps.forEach((step, i) => {
        const reply: Reply = {
          kind: 'step',
          flowId: 'f',
          error: { ...error, code: e.code },
          intro: i === 0,
          step,
          number: i + 1,
          total: e.steps.length,
          choices: [],
          alsoMentioned: [],
        };
        expect(cardProblems(toAdaptiveCard(reply).card), `${e.code} step ${i + 1}`).toEqual([]);
      });
    }
  });

  it('keeps commands verbatim: no markdown processing of * or \\', () => {
    const step = knowledge.procedures.get('install-from-catalog');
    if (!step) throw new Error('procedure missing');
    const reply: Reply = {
      kind: 'step',
      flowId: 'f',
      error,
      intro: false,
      step: { ...step, warnings: step.warnings },
      number: 1,
      total: 1,
      choices: [],
      alsoMentioned: [],
    };
    const json = JSON.stringify(toAdaptiveCard(reply).card);
    expect(json).toContain(
      JSON.stringify('expand -f:*x64.cab "C:\\temp\\EDIT-ME-update-file.msu" C:\\temp'),
    );
  });

  it('renders an answered card without buttons', () => {
    const { card, summary } = toAnsweredCard({
      by: { id: 'u1', name: 'Alex' },
      action: { type: 'answer', answer: 'back', flowId: 'f', step: 1 },
      shown: { kind: 'help' },
    });
    expect(summary).toBe('Alex answered: Back');
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).not.toMatch(/Action\./);
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('buttons (Universal Actions)', () => {
  type Node = Record<string, unknown>;
  const actionSets = (card: Node) =>
    (card.body as Node[]).filter((e) => e.type === 'ActionSet') as Array<{ actions: Node[] }>;

  it('are Action.Execute with our verb and data, each with the same Action.Submit as fallback, in ActionSets only', () => {
    let buttons = 0;
    for (const reply of replies) {
      const { card } = toAdaptiveCard(reply);
      // Never card-level actions: some older Teams clients read `fallback` only inside an ActionSet.
      expect(card.actions).toBeUndefined();
      for (const set of actionSets(card)) {
        expect(set.actions.length).toBeLessThanOrEqual(5);
        for (const action of set.actions) {
          buttons++;
          expect(action.type).toBe('Action.Execute');
          expect(action.verb).toBe('wuerror');
          expect(Object.keys(action.data as Node)).toEqual(['wuerror']);
          const { type: _type, verb: _verb, fallback, ...same } = action;
          const { type: fallbackType, ...fallbackSame } = fallback as Node;
          expect(fallbackType).toBe('Action.Submit');
          expect(fallbackSame).toEqual(same);
        }
      }
    }
    expect(buttons).toBeGreaterThan(10);
  });

  it('keep their order and style: the step answer first, "Yes, fixed" styled positive', () => {
    const step = replies[0];
    if (!step) throw new Error('no step reply');
    const { card } = toAdaptiveCard(step);
    const last = (card.body as Node[]).at(-1) as { type: string; actions: Node[] };
    expect(last.type).toBe('ActionSet');
    expect(last.actions[0]).toMatchObject({
      title: 'Yes, fixed',
      style: 'positive',
      data: { wuerror: { type: 'answer', answer: 'fixed', flowId: 'f', step: 0 } },
      fallback: { type: 'Action.Submit', title: 'Yes, fixed', style: 'positive' },
    });
  });
});
