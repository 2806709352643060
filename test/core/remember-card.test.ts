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
