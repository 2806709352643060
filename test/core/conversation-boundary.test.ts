/**
 * The conversation's error boundary and the one turn pipeline, without any
 * platform: a store that loses one compare-and-set race, a resolver that
 * throws, a sender that throws.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action, Reply, Turn } from '../../src/core/contract.js';
import { createConversation } from '../../src/core/create-conversation.js';
import type { Sender } from '../../src/core/run-turn.js';
import { WuerrorError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver, type Resolver } from '../../src/resolver/create-resolver.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import type { StateStore } from '../../src/storage/state-store.js';

// biome-ignore lint/suspicious/noExplicitAny: log lines are JSON under test.
type Json = any;

let resolver: Resolver;
beforeAll(() => {
  resolver = createResolver(loadKnowledge());
});

let count = 0;
function turn(input: Turn['input']): Turn {
  return {
    id: `turn-${++count}`,
    conversationId: 'c1',
    user: { id: 'u1', name: 'Alex' },
    where: { platform: 'cli', kind: 'personal', label: 'terminal' },
    addressed: true,
    input,
    at: new Date('2026-11-22T09:00:00Z'),
  };
}

function setup(options: { store?: StateStore; resolver?: Resolver } = {}) {
  const logs: Json[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const conversation = createConversation({
    resolver: options.resolver ?? resolver,
    store: options.store ?? createMemoryStore(),
    handoff: { deliver: async () => ({ delivered: 'not-configured' }) },
    logger: pino({ level: 'debug' }, sink),
    newId: () => 'flow-1',
  });
  return { conversation, logs };
}

/** Records what it was asked to send; `failPosts` makes that many posts throw first. */
function recordingSender(failPosts = 0): Sender & { posted: Reply[]; attempts: Reply[] } {
  const posted: Reply[] = [];
  const attempts: Reply[] = [];
  let failures = failPosts;
  return {
    posted,
    attempts,
    async post(reply) {
      attempts.push(reply);
      if (failures-- > 0) throw new Error('platform refused the message');
      posted.push(reply);
      return undefined;
    },
    async replace() {},
  };
}

/** A memory store whose next save loses the race, as if another click saved first. */
function conflictingOnce(): StateStore & { saves: number } {
  const inner = createMemoryStore();
  let conflicts = 0;
  const store = {
    ...inner,
    saves: 0,
    async save<T>(key: string, value: T, expected: string | null) {
      store.saves++;
      if (expected !== null && conflicts++ === 0) {
        throw new WuerrorError('STATE_CONFLICT', 'someone saved first');
      }
      return inner.save(key, value, expected);
    },
  };
  return store;
}

describe('the conversation boundary', () => {
  it('decides again after a lost compare-and-set and advances the flow exactly once', async () => {
    const store = conflictingOnce();
    const { conversation, logs } = setup({ store });
    const first = await conversation.handle(turn({ kind: 'text', text: '0x8024401B' }));
    expect(first.replies[0]).toMatchObject({ kind: 'step', number: 1 });

    const click: Action = { type: 'answer', answer: 'not-fixed', flowId: 'flow-1', step: 0 };
    const second = await conversation.handle(turn({ kind: 'action', action: click }));
    expect(second.replies[0]).toMatchObject({ kind: 'step', number: 2 });
    expect(store.saves).toBe(3);
    expect(logs.filter((l) => l.code === 'STATE_CONFLICT')).toHaveLength(1);
    const saved = await store.load<{ flow: { step: number; tried: unknown[] } }>(
      'wuerror/conversation/c1',
    );
    expect(saved?.value.flow.step).toBe(1);
    expect(saved?.value.flow.tried).toHaveLength(1);
  });

  it('answers with an apology naming the turn id when the resolver throws', async () => {
    const broken: Resolver = {
      ...resolver,
      resolve: () => {
        throw new Error('index corrupted');
      },
    };
    const { conversation, logs } = setup({ resolver: broken });
    const sender = recordingSender();
    const t = turn({ kind: 'text', text: '0x8024401B' });
    await conversation.run(t, sender);
    expect(sender.posted).toEqual([{ kind: 'oops', reference: t.id }]);
    expect(logs.find((l) => l.code === 'TURN_FAILED')).toMatchObject({ turnId: t.id });
  });

  it('still tries the apology when sending a reply fails, and logs the failure with a code', async () => {
    const { conversation, logs } = setup();
    const sender = recordingSender(1);
    const t = turn({ kind: 'text', text: '0x8024401B' });
    await conversation.run(t, sender);
    expect(sender.attempts.map((r) => r.kind)).toEqual(['step', 'oops']);
    expect(sender.posted).toEqual([{ kind: 'oops', reference: t.id }]);
    expect(logs.find((l) => l.code === 'TURN_FAILED')).toMatchObject({
      turnId: t.id,
      err: { message: 'platform refused the message' },
    });
  });

  it('logs APOLOGY_FAILED when even the apology cannot be sent, and does not throw', async () => {
    const { conversation, logs } = setup();
    const sender = recordingSender(2);
    const t = turn({ kind: 'text', text: '0x8024401B' });
    await expect(conversation.run(t, sender)).resolves.toBeUndefined();
    expect(sender.posted).toEqual([]);
    expect(logs.map((l) => l.code)).toEqual(
      expect.arrayContaining(['TURN_FAILED', 'APOLOGY_FAILED']),
    );
  });

  it('goes on answering when the clicked message cannot be replaced', async () => {
    const { conversation, logs } = setup();
    await conversation.handle(turn({ kind: 'text', text: '0x8024401B' }));
    const sender = recordingSender();
    sender.replace = async () => {
      throw new Error('message too old to edit');
    };
    const click: Action = { type: 'answer', answer: 'not-fixed', flowId: 'flow-1', step: 0 };
    await conversation.run(turn({ kind: 'action', action: click }), sender);
    expect(sender.posted[0]).toMatchObject({ kind: 'step', number: 2 });
    expect(logs.some((l) => l.code === 'REPLACE_FAILED')).toBe(true);
  });
});
