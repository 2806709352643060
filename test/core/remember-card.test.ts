/**
 * Remembering the turn's card (its platform id, for taking its buttons off
 * later) builds on the state the turn just saved: one read per turn, not
 * two. Only when another turn saved in between is the state read again, and
 * nothing that turn saved is lost.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../../src/core/contract.js';
import { loadState } from '../../src/core/conversation-state.js';
import { createConversation } from '../../src/core/create-conversation.js';
import { loadHandoffRecord } from '../../src/core/handoff-record.js';
import { limitTurns } from '../../src/core/limit-turns.js';
import type { Sender } from '../../src/core/run-turn.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver, type Resolver } from '../../src/resolver/create-resolver.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import type { StateStore } from '../../src/storage/state-store.js';

let resolver: Resolver;
beforeAll(() => {
  resolver = createResolver(loadKnowledge());
});

function turn(id: string, text: string): Turn {
  return {
    id,
    conversationId: 'c1',
    user: { id: 'u1', name: 'Alex' },
    where: { platform: 'cli', kind: 'personal', label: 'terminal' },
    addressed: true,
    input: { kind: 'text', text },
    at: new Date('2026-11-22T09:00:00Z'),
  };
}

/** Counts reads; `between` runs once, after the turn's own save and before the next one. */
function countingStore(between?: (inner: StateStore) => Promise<void>) {
  const inner = createMemoryStore();
  const counts = { loads: 0, saves: 0 };
  let pending = between;
  const store: StateStore = {
    ...inner,
    async load(key) {
      counts.loads++;
      return inner.load(key);
    },
    async save(key, value, expected, options) {
      counts.saves++;
      const version = await inner.save(key, value, expected, options);
      const run = pending;
      pending = undefined;
      if (run) await run(inner);
      return version;
    },
  };
  return { store, inner, counts };
}

const sender = (): Sender => {
  let n = 0;
  return { post: async () => `card-${++n}`, replace: async () => {} };
};

function conversationOn(store: StateStore) {
  return createConversation({
    resolver,
    store,
    handoff: { deliver: async () => ({ delivered: 'not-configured' }) },
    logger: pino({ level: 'silent' }),
    newId: () => 'flow-1',
  });
}

describe('remembering the posted card', () => {
  it('reads the state once per turn and stores the card id', async () => {
    const { store, inner, counts } = countingStore();
    await conversationOn(store).run(turn('t1', '0x8024001E'), sender());
    expect(counts).toEqual({ loads: 1, saves: 2 });
    const { state } = await loadState(inner, 'c1');
    expect(state.flow?.code).toBe('0x8024001E');
    expect(state.lastCard?.id).toBe('card-1');
  });

  it("reads again when another turn saved meanwhile, keeping that turn's state", async () => {
    // Another instance notes something in the same conversation right after our save.
    const { store, inner, counts } = countingStore(async (raw) => {
      const { state, version } = await loadState(raw, 'c1');
      await raw.save(
        'wuerror/conversation/c1',
        { ...state, lastHandoff: { flowId: 'other', at: 'x' } },
        version,
      );
    });
    await conversationOn(store).run(turn('t1', '0x8024001E'), sender());
    expect(counts.loads).toBe(2);
    const { state } = await loadState(inner, 'c1');
    expect(state.lastCard?.id).toBe('card-1');
    expect(state.lastHandoff).toEqual({ flowId: 'other', at: 'x' });
  });
});

describe('through the rate limits', () => {
  /** Logs when each store call is asked for and when it settles. */
  function loggingStore() {
    const inner = createMemoryStore();
    const events: string[] = [];
    const logged =
      <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        events.push(`ask ${name}`);
        return call(...args).finally(() => events.push(`done ${name}`));
      };
    const store: StateStore = {
      ...inner,
      load: logged('load', inner.load) as StateStore['load'],
      hit: logged('hit', inner.hit),
      save: logged('save', inner.save) as StateStore['save'],
    };
    return { store, events };
  }

  it("reads the turn's state alongside the counts, once", async () => {
    const { store, events } = loggingStore();
    const limited = limitTurns(
      conversationOn(store),
      store,
      { perUser: 5, perConversation: 5 },
      pino({ level: 'silent' }),
    );
    await limited.run(turn('t1', '0x8024001E'), sender());
    // Asked for together, so a store can answer them in one batch (SQLite) or round trip (Redis).
    expect(events.slice(0, 3)).toEqual(['ask load', 'ask hit', 'ask hit']);
    expect(events.filter((e) => e === 'ask load')).toHaveLength(1);
    expect(events.filter((e) => e === 'ask save')).toHaveLength(2);
  });

  it('a turn that opens its conversation reads nothing, counts included', async () => {
    const { store, events } = loggingStore();
    const limited = limitTurns(
      conversationOn(store),
      store,
      { perUser: 5, perConversation: 5 },
      pino({ level: 'silent' }),
    );
    await limited.run(
      { ...turn('t1', '0x8024001E'), opensConversation: true },
      { ...sender(), opened: () => ({ conversationId: 'c1:thread-1' }) },
    );
    expect(events.filter((e) => e.startsWith('ask'))).toEqual(['ask hit', 'ask hit', 'ask save']);
  });

  it('a limited turn reads once and saves nothing', async () => {
    const { store, events } = loggingStore();
    const limited = limitTurns(
      conversationOn(store),
      store,
      { perUser: 1, perConversation: 0 },
      pino({ level: 'silent' }),
    );
    await limited.run(turn('t1', '0x8024001E'), sender());
    events.length = 0;
    await limited.run(turn('t2', '0x8024001E'), sender());
    expect(events.filter((e) => e.startsWith('ask'))).toEqual(['ask load', 'ask hit']);
  });
});

describe('a turn that opens its conversation (a slash command answered as a thread root)', () => {
  const opening = (text: string): Turn => ({
    ...turn('t-open', text),
    conversationId: 'slack:T1:C1:private:U1',
    address: { platform: 'slack', at: { channel: 'C1', user: 'U1' } },
    opensConversation: true,
  });
  const openingSender = (opened: boolean): Sender => ({
    post: async () => '1700000000.000100',
    replace: async () => {},
    opened: () =>
      opened
        ? {
            conversationId: 'slack:T1:C1:1700000000.000100',
            address: { platform: 'slack', at: { channel: 'C1', threadTs: '1700000000.000100' } },
          }
        : undefined,
  });

  it('reads nothing, and saves the flow and its card where the first post opened it', async () => {
    const { store, inner, counts } = countingStore();
    await conversationOn(store).run(opening('0x8024001E'), openingSender(true));
    expect(counts).toEqual({ loads: 0, saves: 1 });
    const { state } = await loadState(inner, 'slack:T1:C1:1700000000.000100');
    expect(state.flow?.code).toBe('0x8024001E');
    expect(state.lastCard?.id).toBe('1700000000.000100');
    expect((await loadState(inner, 'slack:T1:C1:private:U1')).version).toBeNull();
  });

  it("where nothing was opened, starts afresh in the turn's own conversation", async () => {
    const { store, inner } = countingStore();
    const before = conversationOn(store);
    await before.run({ ...opening('0x80070422'), opensConversation: false }, openingSender(false));
    await conversationOn(store).run(opening('0x8024001E'), openingSender(false));
    const { state } = await loadState(inner, 'slack:T1:C1:private:U1');
    expect(state.flow?.code).toBe('0x8024001E');
    expect(state.lastCard?.id).toBe('1700000000.000100');
  });

  it('keeps a hand-off with the address of the opened thread', async () => {
    const { store, inner } = countingStore();
    await conversationOn(store).run(opening('please let me talk to a human'), openingSender(true));
    const { state } = await loadState(inner, 'slack:T1:C1:1700000000.000100');
    const flowId = state.lastHandoff?.flowId;
    expect(flowId).toBeTruthy();
    const record = await loadHandoffRecord(inner, flowId as string);
    expect(record).toMatchObject({
      conversationId: 'slack:T1:C1:1700000000.000100',
      address: { platform: 'slack', at: { channel: 'C1', threadTs: '1700000000.000100' } },
    });
  });
});
