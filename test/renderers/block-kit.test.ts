/**
 * Every kind of reply, and every step of every curated entry and family,
 * renders as Block Kit within Slack's limits, with a text fallback, the same
 * words as the Teams card, and nothing from people or knowledge left live.
 */
import { describe, expect, it } from 'vitest';

import { allStepsReply, stepReply, toErrorSummary } from '../../src/core/build-replies.js';
import type { Reply } from '../../src/core/contract.js';
import type { FlowState } from '../../src/core/conversation-state.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Step } from '../../src/knowledge/types.js';
import { parseAction } from '../../src/renderers/action-codec.js';
import { toAdaptiveCard } from '../../src/renderers/adaptive-card.js';
import { type Block, toAnsweredMessage, toBlockKit } from '../../src/renderers/block-kit.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import { blockKitProblems, buttonsOf, textOf } from '../support/check-block-kit.js';

const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const match = resolver.describe('0x8024001E');
const error = toErrorSummary(match);
const flow = (code: FlowState['code'], step: number, total: number): FlowState => ({
  id: 'f1a2b3c4',
  code,
  step,
  total,
  tried: [],
  status: 'active',
  startedBy: { id: 'U0ALEX001' },
  startedAt: '2026-11-22T09:05:00.000Z',
});
const EVIL = '<!channel> <@U0EVE0001> <https://evil.example|click> & co';
const ESCAPED = '&lt;!channel&gt; &lt;@U0EVE0001&gt; &lt;https://evil.example|click&gt; &amp; co';

const where = { platform: 'slack' as const, kind: 'channel' as const, label: '#helpdesk' };
const tried = [
  { number: 1, title: 'Back up the system disk first', outcome: 'done' as const },
  { number: 2, title: 'Find out what interrupted the update', outcome: 'not-fixed' as const },
];
const steps = match.entry?.steps ?? [];
const everyKind: Reply[] = [
  stepReply(flow('0x8024001E', 0, steps.length), match, { intro: true }),
  allStepsReply(flow('0x8024001E', 2, steps.length), match),
  { kind: 'last-step-done', flowId: 'f', error, choices: [] },
  {
    kind: 'confirm',
    flowId: 'f',
    candidates: [
      { code: '0x8024401B', name: 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', title: 'Proxy' },
    ],
    choices: [
      { action: { type: 'choose', code: '0x8024401B', flowId: 'f' } },
      { action: { type: 'none-of-these', flowId: 'f' } },
    ],
  },
  { kind: 'fixed', error, tried },
  {
    kind: 'handoff',
    summary: {
      error,
      tried,
      requestedBy: { id: 'U0ALEX001', name: 'alex' },
      where,
      at: '2026-11-22T09:05:00.000Z',
      flowId: 'f1a2b3c4',
      delivered: 'not-configured',
      said: [EVIL],
      rejected: [],
      codes: [],
    },
  },
  { kind: 'unknown-code', code: '0x12345678' },
  {
    kind: 'no-match',
    text: EVIL,
    after: 'nothing',
    rejected: [],
    choices: [
      { action: { type: 'move', move: 'describe' } },
      { action: { type: 'move', move: 'human' } },
    ],
  },
  {
    kind: 'handoff-status',
    status: 'note',
    by: EVIL,
    message: EVIL,
    error: null,
    ticket: { id: 'INC1', url: 'https://helpdesk.example/t?a=1|b>c' },
  },
  { kind: 'stale', current: { code: '0x8024001E', number: 2, total: 10 } },
  { kind: 'stale', current: null },
  { kind: 'note', note: 'wait', current: { code: '0x8024001E', number: 2, total: 10 } },
  { kind: 'help' },
  { kind: 'welcome' },
  { kind: 'oops', reference: 'slack:Ev0X' },
];

/** Every step of every curated entry and family, as the first card and in the all-steps list. */
function everyStepReply(): Array<[string, Reply]> {
  const codes = [...knowledge.entries.keys(), ...knowledge.families.map((f) => f.from)];
  return codes.flatMap((code) => {
    const m = resolver.describe(code);
    const total = (m.entry?.steps ?? m.family?.steps ?? []).length;
    return Array.from(
      { length: total + 1 },
      (_, step): Array<[string, Reply]> => [
        [`${code} step ${step + 1}`, stepReply(flow(code, step, total), m, { intro: step === 0 })],
        [`${code} all steps at ${step + 1}`, allStepsReply(flow(code, step, total), m)],
      ],
    ).flat();
  });
}

describe('toBlockKit', () => {
  it.each(everyKind.map((r) => [r.kind, r] as const))(
    'renders %s within the limits, with the same fallback words as Teams',
    (_kind, reply) => {
      const message = toBlockKit(reply);
      expect(blockKitProblems(message)).toEqual([]);
      const teams = toAdaptiveCard(reply).summary;
      expect(message.text).toBe(
        teams.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
    },
  );

  it('keeps every step of every entry and family within the limits', () => {
    const problems = everyStepReply().flatMap(([what, reply]) =>
      blockKitProblems(toBlockKit(reply)).map((p) => `${what}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('lays a step out like the Teams card: header, meaning, step, cautions, commands, buttons', () => {
    const renameStep = steps.findIndex(
      (s) => s.commands.length > 1 && s.commands[0]?.shell === 'cmd' && s.commands[0].elevated,
    );
    const reply = stepReply(flow('0x8024001E', renameStep, steps.length), match, { intro: false });
    const message = toBlockKit(reply);
    const step = steps[renameStep] as Step;
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '0x8024001E WU_E_SERVICE_STOP', emoji: false },
    });
    const text = textOf(message);
    expect(text).toContain(`*Step ${renameStep + 1} of ${steps.length}: ${step.title}*`);
    const caution = message.blocks.find((b) => b.type === 'context');
    expect(JSON.stringify(caution)).toContain(':warning: *Needs an admin prompt');
    const first = step.commands[0];
    if (!first) throw new Error('no command');
    expect(text).toContain('_Command Prompt (as administrator)_\n```\n');
    expect(text).toContain(
      first.run.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
    expect(text).toContain(`*${step.question}*`);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('shows the meaning only with the first step', () => {
    const first = textOf(toBlockKit(stepReply(flow('0x8024001E', 0, 10), match, { intro: true })));
    const second = textOf(
      toBlockKit(stepReply(flow('0x8024001E', 1, 10), match, { intro: false })),
    );
    expect(first).toContain(error.meaning);
    expect(second).not.toContain(error.meaning);
  });

  it('gives each button a unique id and the core action as its value', () => {
    const reply = stepReply(flow('0x8024001E', 3, 10), match, { intro: false });
    if (reply.kind !== 'step') throw new Error('not a step');
    const withAlso: Reply = {
      ...reply,
      alsoMentioned: [{ code: '0x80070422', title: 'Service disabled' }],
    };
    const buttons = toBlockKit(withAlso)
      .blocks.filter((b) => b.type === 'actions')
      .flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : ''))).toEqual(
      buttons.map((_, i) => `wuerror:${i}`),
    );
    const values = buttons.map((b) => parseAction(JSON.parse(('value' in b && b.value) || '')));
    expect(values).toEqual([
      ...reply.choices.map((c) => c.action),
      { type: 'start', code: '0x80070422' },
    ]);
    expect(buttons.map((b) => ('style' in b ? b.style : undefined))).toEqual([
      'primary',
      undefined,
      undefined,
      undefined,
      undefined,
      'danger',
      undefined,
    ]);
  });

  it('escapes text from people and knowledge, so nothing pings or links', () => {
    const handoff: Reply = {
      kind: 'handoff',
      summary: {
        error: { ...error, title: `Proxy <${'http://p'}> & friends` },
        tried: [{ number: 1, title: EVIL, outcome: 'not-fixed' }],
        requestedBy: { id: 'U0EVE0001', name: EVIL },
        where: { ...where, label: '<!here>' },
        said: [],
        rejected: [],
        codes: [],
        at: '2026-11-22T09:05:00.000Z',
        flowId: 'f',
      },
    };
    const message = toBlockKit(handoff);
    const json = JSON.stringify(message);
    for (const live of ['<!channel>', '<!here>', '<@U0EVE0001>', '<https://evil', '<http://p>'])
      expect(json).not.toContain(live);
    expect(textOf(message)).toContain(`*Asked by:* ${ESCAPED}`);
    expect(textOf(message)).toContain('Proxy &lt;http://p&gt; &amp; friends');
  });

  it('spreads text too long for one section over several, and long command lists over several code blocks', () => {
    const base = steps[0] as Step;
    const long: Step = {
      ...base,
      why: 'word '.repeat(1400),
      instructions: Array.from({ length: 40 }, (_, i) => `Instruction ${i} ${'x'.repeat(150)}`),
      commands: Array.from({ length: 60 }, (_, i) => ({
        shell: 'powershell' as const,
        run: `Get-Item "C:\\Windows\\SoftwareDistribution\\Download\\${i}" | Remove-Item -Recurse -Force`,
        elevated: true,
        warnings: [],
      })),
    };
    const reply = stepReply(flow('0x8024001E', 0, 10), match, { intro: true });
    if (reply.kind !== 'step') throw new Error('not a step');
    const message = toBlockKit({ ...reply, step: long });
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(4);
    for (const s of sections)
      expect(s.type === 'section' && (s.text?.text.length ?? 0)).toBeLessThanOrEqual(3000);
    const fences = textOf(message).match(/```/g) ?? [];
    expect(fences.length).toBeGreaterThanOrEqual(4);
    expect(fences.length % 2).toBe(0);
    expect(blockKitProblems(message).filter((p) => !p.includes('characters (max 12000)'))).toEqual(
      [],
    );
  });
});

describe('the slash command lines and answered messages', () => {
  it('repeat the question escaped and as code, shortened when long', () => {
    const asked = toBlockKit(
      { kind: 'help' },
      {
        asked: { by: 'alex', question: `${EVIL} \`0x8024001E\`` },
      },
    );
    expect(asked.blocks[0]).toMatchObject({ type: 'context', block_id: 'wuerror-asked' });
    expect(textOf({ ...asked, blocks: asked.blocks.slice(0, 1) })).toBe(
      `alex asked: \`${ESCAPED} '0x8024001E'\``,
    );
    expect(blockKitProblems(asked)).toEqual([]);
    const long = toBlockKit(
      { kind: 'help' },
      { asked: { by: 'alex', question: 'x'.repeat(5000) } },
    );
    expect(textOf({ ...long, blocks: long.blocks.slice(0, 1) }).length).toBeLessThan(260);
    const reply = toBlockKit({ kind: 'help' }, { asked: { by: 'alex', question: '' } });
    expect(textOf(reply).startsWith('alex asked for help')).toBe(true);
  });

  it('replace a clicked message with its content, no buttons, and who answered', () => {
    const clicked = stepReply(flow('0x8024001E', 0, 10), match, { intro: true });
    const shown = toBlockKit(clicked, { asked: { by: 'alex', question: '0x8024001E' } });
    const no = { type: 'answer', answer: 'not-fixed', flowId: 'f1a2b3c4', step: 0 } as const;
    const answered = toAnsweredMessage(
      {
        by: { id: 'U0EVE0001', name: EVIL },
        action: no,
        shown: { ...clicked, choices: [] } as Reply,
      },
      shown.blocks as Block[],
    );
    expect(buttonsOf(answered)).toEqual([]);
    expect(answered.blocks[0]).toMatchObject({ block_id: 'wuerror-asked' });
    expect(answered.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${ESCAPED} answered: No` }],
    });
    expect(answered.text).toBe(`${ESCAPED} answered: No`);
    expect(blockKitProblems(answered)).toEqual([]);

    // Without the core's copy of the card, the message's own blocks are kept, minus buttons.
    const kept = toAnsweredMessage(
      { by: { id: 'U0ALEX001', name: 'alex' }, action: no },
      shown.blocks as Block[],
    );
    expect(kept.blocks).toHaveLength(shown.blocks.length);
    expect(buttonsOf(kept)).toEqual([]);
  });
});
