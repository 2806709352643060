/** The conversation's decisions without any platform: plain turns in, replies out. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileRead } from '../../src/core/attached-file.js';
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

  it("says why another program's installer code gets no flow, and answers the code sent alone", () => {
    const { reply } = run(
      EMPTY_STATE,
      text('The PowerToys installer fails with 0x80070643 every time'),
    );
    expect(reply).toMatchObject({
      kind: 'no-match',
      after: 'nothing',
      otherProgram: ['0x80070643'],
    });
    expect(run(EMPTY_STATE, text('0x80070643')).reply?.kind).not.toBe('no-match');
  });

  it('answers the description, not the unknown code, when a code nobody knows sits beside a plain description', () => {
    const { reply } = run(
      EMPTY_STATE,
      text(
        'The cumulative update installs, then at the restart it says "Failure configuring Windows updates. Reverting changes" and rolls back.\n' +
          'mispace.mof: error SYNTAX 0X8004402f: Error creating temporary file',
      ),
    );
    expect(reply?.kind === 'confirm' || reply?.kind === 'step').toBe(true);
    expect(JSON.stringify(reply)).not.toContain('0x8004402F');
  });

  it('offers the other codes of a multi-code message', () => {
    const { reply } = run(EMPTY_STATE, text('0x80072EE2 then 0x80244022'));
    expect(reply).toMatchObject({
      kind: 'step',
      error: { code: '0x80072EE2' },
      alsoMentioned: [{ code: '0x80244022' }],
    });
  });

  it('answers a success code with what it means and starts no flow', () => {
    const { state, reply } = run(EMPTY_STATE, text('the log says result 0x00000000'));
    expect(reply).toMatchObject({
      kind: 'success-code',
      error: { code: '0x00000000', source: 'success' },
    });
    expect(state).toEqual(EMPTY_STATE);
    // Not in a channel where nobody asked.
    expect(run(EMPTY_STATE, text('S_OK', false)).reply).toBeUndefined();
  });

  it('answers the failure when a success code comes with one', () => {
    const { reply } = run(EMPTY_STATE, text('result 0x00000000, then failed with 0x80070643'));
    expect(reply).toMatchObject({ kind: 'step', error: { code: '0x80070643', source: 'curated' } });
  });

  it('carries the decisive line and an extend code into the first step only', () => {
    const log =
      '2024-02-14 09:04:10, Error                 CBS    Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE';
    const first = run(EMPTY_STATE, text(log));
    expect(first.reply).toMatchObject({
      kind: 'step',
      error: { evidence: { log: 'CBS.log', level: 'error', mentions: { kb: 'KB5034441' } } },
    });
    const next = run(first.state, text('did not help'));
    expect(next.reply).toMatchObject({ kind: 'step', number: 2 });
    expect(next.reply?.kind === 'step' ? next.reply.error.evidence : 'no step').toBeUndefined();
    expect(run(EMPTY_STATE, text('0xC1900101 - 0x4000D')).reply).toMatchObject({
      error: { extend: { code: '0x4000D', phase: { digit: 4 }, operation: { hex: 'D' } } },
    });
  });

  describe('an attached file', () => {
    const file = (read: FileRead, addressed = true, words = '') =>
      turn({ kind: 'file', text: words, file: { name: 'CBS.log', read } }, addressed);
    const cbs = readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'logs', 'cbs-package-failed.log'),
      'utf8',
    );

    it('is read like a paste: the failure first, with its line; only the words are kept', () => {
      const { state, reply } = run(
        EMPTY_STATE,
        file({ kind: 'text', text: cbs, bytes: cbs.length }, true, 'log from PC-114'),
      );
      expect(state.notes.said).toEqual(['log from PC-114']);
      expect(state.notes.codes).toContain('0x80070643');
      expect(JSON.stringify(state)).not.toContain('Package_for_KB5034441');
      expect(reply).toMatchObject({
        kind: 'step',
        error: { code: '0x80070643', evidence: { log: 'CBS.log', mentions: { kb: 'KB5034441' } } },
      });
    });

    it('finds the failure at the end of a log far longer than a paste', () => {
      const noise = Array.from(
        { length: 3000 },
        (_, i) =>
          `2024-02-14 09:00:00, Info CBS Session: 3108557${i}_1893014430, Flags: 0x00000000`,
      );
      const text = [...noise, cbs].join('\n');
      expect(text.length).toBeGreaterThan(100_000);
      const { reply } = run(EMPTY_STATE, file({ kind: 'text', text, bytes: text.length }));
      expect(reply).toMatchObject({ kind: 'step', error: { code: '0x80070643' } });
    });

    it('says why when it cannot be read, and when it names no failure', () => {
      for (const read of [
        { kind: 'etl' },
        { kind: 'too-large', limit: 5 * 1024 * 1024 },
        { kind: 'empty' },
        { kind: 'binary' },
        { kind: 'timeout' },
        { kind: 'unreadable' },
      ] as FileRead[]) {
        const { state, reply } = run(EMPTY_STATE, file(read));
        expect(reply).toEqual({ kind: 'file-problem', name: 'CBS.log', problem: read });
        expect(state).toEqual(EMPTY_STATE);
      }
      const quiet = 'all good here\nnothing failed';
      expect(run(EMPTY_STATE, file({ kind: 'text', text: quiet, bytes: 30 })).reply).toEqual({
        kind: 'file-problem',
        name: 'CBS.log',
        problem: { kind: 'no-error', bytes: 30 },
      });
    });

    it('in a channel thread nobody asked in, stays quiet', () => {
      expect(run(EMPTY_STATE, file({ kind: 'etl' }, false)).reply).toBeUndefined();
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
