/** The conversation's decisions without any platform: plain turns in, replies out. */
import { describe, expect, it } from 'vitest';
import type { Action, Reply, Turn } from '../../src/core/contract.js';
import { type ConversationState, EMPTY_STATE } from '../../src/core/conversation-state.js';
import { decideTurn } from '../../src/core/decide-turn.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';

const resolver = createResolver(loadKnowledge());
let ids = 0;
const ctx = { resolver, newId: () => `flow-${++ids}` };

function turn(input: Turn['input'], addressed = true): Turn {
  return {
    id: 't',
    conversationId: 'c',
    user: { id: 'u1', name: 'Alex' },
    where: { platform: 'cli', kind: 'personal', label: 'terminal' },
    addressed,
    input,
    at: new Date('2026-11-22T09:00:00Z'),
  };
}
const text = (t: string, addressed = true) => turn({ kind: 'text', text: t }, addressed);
const act = (action: Action) => turn({ kind: 'action', action });

function run(
  state: ConversationState,
  t: Turn,
): { state: ConversationState; reply: Reply | undefined } {
  const decision = decideTurn(t, state, ctx);
  return { state: decision.state, reply: decision.replies[0] };
}

describe('decideTurn', () => {
  it('starts a flow on a code and moves on typed answers', () => {
    let { state, reply } = run(EMPTY_STATE, text('0x8024401B'));
    expect(reply).toMatchObject({
      kind: 'step',
      intro: true,
      number: 1,
      error: { code: '0x8024401B' },
    });
    ({ state, reply } = run(state, text("didn't help")));
    expect(reply).toMatchObject({ kind: 'step', intro: false, number: 2 });
    ({ state, reply } = run(state, text('back')));
    expect(reply).toMatchObject({ kind: 'step', number: 1 });
    ({ state, reply } = run(state, text('yes')));
    // Answering step 1 again after "back" replaces its first answer: one line per step.
    expect(reply).toMatchObject({ kind: 'fixed', tried: [{ number: 1, outcome: 'fixed' }] });
    expect((reply as Extract<Reply, { kind: 'fixed' }>).tried).toHaveLength(1);
    expect(state.flow?.status).toBe('fixed');
  });

  it('treats "still <same code>" as an answer, and a new code as a new flow', () => {
    let { state, reply } = run(EMPTY_STATE, text('0x80070422'));
    ({ state, reply } = run(state, text('nope, still 0x80070422')));
    expect(reply).toMatchObject({ kind: 'step', number: 2 });
    ({ state, reply } = run(state, text('now it says 0x800F081F')));
    expect(reply).toMatchObject({ kind: 'step', number: 1, error: { code: '0x800F081F' } });
    expect(state.flow?.code).toBe('0x800F081F');
  });

  it('answers yes on a check step with done, not fixed', () => {
    let { state, reply } = run(EMPTY_STATE, text('0x8024001E'));
    expect(reply).toMatchObject({ kind: 'step', step: { kind: 'check' } });
    ({ state, reply } = run(state, text('yes')));
    expect(reply).toMatchObject({ kind: 'step', number: 2 });
    expect(state.flow?.tried[0]?.outcome).toBe('done');
    expect(state.flow?.status).toBe('active');
  });

  it('offers a hand-off after the last step and hands off with a summary', () => {
    let { state, reply } = run(EMPTY_STATE, text('0x80242014'));
    for (let i = 0; i < 20 && reply?.kind === 'step'; i++)
      ({ state, reply } = run(state, text('still failing')));
    expect(reply?.kind).toBe('last-step-done');
    const decision = decideTurn(text('I need a human'), state, ctx);
    expect(decision.handoff).toMatchObject({
      error: { code: '0x80242014' },
      requestedBy: { name: 'Alex' },
      at: '2026-11-22T09:00:00.000Z',
    });
    expect(decision.state.flow?.status).toBe('handed-off');
  });

  it('recognises stale buttons and does not change the state', () => {
    const first = run(EMPTY_STATE, text('0x8024000B'));
    const reply = first.reply as Extract<Reply, { kind: 'step' }>;
    const oldAction = reply.choices[0]?.action as Action;
    const moved = run(first.state, text('skip'));
    const stale = decideTurn(act(oldAction), moved.state, ctx);
    expect(stale.replies[0]).toMatchObject({
      kind: 'stale',
      current: { code: '0x8024000B', number: 2 },
    });
    expect(stale.state).toBe(moved.state);
    const restarted = run(moved.state, text('start over'));
    expect(decideTurn(act({ ...oldAction }), restarted.state, ctx).replies[0]?.kind).toBe('stale');
  });

  it('asks to confirm an unsure symptom match and accepts a pick', () => {
    let { state, reply } = run(
      EMPTY_STATE,
      // Two errors fit this equally (timed out, connection refused): the bot must ask.
      text('connection to the update server times out or is refused'),
    );
    expect(reply?.kind).toBe('confirm');
    const candidates = (reply as Extract<Reply, { kind: 'confirm' }>).candidates;
    ({ state, reply } = run(state, text('2')));
    expect(reply).toMatchObject({ kind: 'step', error: { code: candidates[1]?.code } });
    expect(state.confirm).toBeNull();
  });

  it('stays quiet on unaddressed chatter but answers codes', () => {
    expect(run(EMPTY_STATE, text('lunch anyone?', false)).reply).toBeUndefined();
    expect(run(EMPTY_STATE, text('updates fail behind our proxy', false)).reply).toBeUndefined();
    expect(run(EMPTY_STATE, text('seeing 0x8024001E on the file server', false)).reply?.kind).toBe(
      'step',
    );
  });

  it('answers help, unknown codes, no match and unclear answers mid-flow', () => {
    expect(run(EMPTY_STATE, text('help')).reply?.kind).toBe('help');
    expect(run(EMPTY_STATE, text('0xDEADBEEF')).reply).toEqual({
      kind: 'unknown-code',
      code: '0xDEADBEEF',
    });
    expect(run(EMPTY_STATE, text('printer jammed')).reply?.kind).toBe('no-match');
    const { state } = run(EMPTY_STATE, text('0x8024401B'));
    // One line that keeps the flow where it is, not the whole step card again.
    expect(run(state, text('hmm the printer is jammed')).reply).toEqual({
      kind: 'note',
      note: 'off-topic',
      current: { code: '0x8024401B', number: 1, total: expect.any(Number) },
    });
  });

  it('offers the other codes of a multi-code message', () => {
    const { reply } = run(EMPTY_STATE, text('0x80072EE2 then 0x80244022'));
    expect(reply).toMatchObject({
      kind: 'step',
      error: { code: '0x80072EE2' },
      alsoMentioned: [{ code: '0x80244022' }],
    });
  });

  describe('each question takes yes, no and their variants', () => {
    const atStep = (code: string) => run(EMPTY_STATE, text(code)).state;
    const fixStep = () => atStep('0x8024401B');
    const checkStep = () => atStep('0x8024001E');
    function lastStep(): ConversationState {
      let { state, reply } = run(EMPTY_STATE, text('0x80242014'));
      for (let i = 0; i < 20 && reply?.kind === 'step'; i++)
        ({ state, reply } = run(state, text('still failing')));
      expect(reply?.kind).toBe('last-step-done');
      return state;
    }

    it.each(['yes', 'Yes!', 'yep', 'yeah it worked', 'that fixed it'])(
      '%j to "did it fix it?" closes as fixed',
      (words) => {
        expect(run(fixStep(), text(words)).reply?.kind).toBe('fixed');
      },
    );
    it.each(['no', 'nope', 'no luck', 'still failing'])(
      '%j to "did it fix it?" moves on',
      (words) => {
        expect(run(fixStep(), text(words)).reply).toMatchObject({ kind: 'step', number: 2 });
      },
    );
    it.each([
      ['yes', 'done'],
      ['yep', 'done'],
      ['no', 'no'],
      ['nope', 'no'],
    ])('%j to a check step is recorded as %s', (words, outcome) => {
      expect(run(checkStep(), text(words)).state.flow?.tried[0]?.outcome).toBe(outcome);
    });
    it.each(['yes', 'yes please', 'sure', 'go ahead'])(
      '%j to "Shall I hand it to a human?" hands over',
      (words) => {
        const decision = decideTurn(text(words), lastStep(), ctx);
        expect(decision.replies[0]?.kind).toBe('handoff');
        expect(decision.handoff).toBeDefined();
      },
    );
    it.each(['no', 'no thanks', 'nope', 'nah'])(
      '%j to "Shall I hand it to a human?" declines and leaves the case open',
      (words) => {
        const state = lastStep();
        const decision = decideTurn(text(words), state, ctx);
        expect(decision.replies).toEqual([{ kind: 'note', note: 'no-handoff', current: null }]);
        expect(decision.state.flow?.status).toBe('active');
        expect(decision.handoff).toBeUndefined();
      },
    );
  });
});
