import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../src/core/contract.js';
import type { Conversation } from '../../src/core/create-conversation.js';
import { limitTurns } from '../../src/core/limit-turns.js';
import type { Sender } from '../../src/core/run-turn.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import type { StateStore } from '../../src/storage/state-store.js';

const log = pino({ level: 'silent' });

function turn(user: string, conversation: string, n: number): Turn {
  return {
    id: `t${n}`,
    conversationId: conversation,
    user: { id: user },
    where: { platform: 'slack', kind: 'channel', label: '#help' },
    addressed: true,
    input: { kind: 'text', text: '0x8024001E' },
    at: new Date('2026-11-22T09:00:00Z'),
  };
}

function recorder() {
  const ran: string[] = [];
  const posted: Reply[] = [];
  const conversation: Conversation = {
    handle: async () => ({ replies: [] }),
    run: async (t) => {
      ran.push(t.id);
    },
  };
  const sender: Sender = {
    post: async (reply) => {
      posted.push(reply);
      return undefined;
    },
    replace: async () => {},
  };
  return { ran, posted, conversation, sender };
}

describe('limitTurns', () => {
  it('lets a person through up to the limit, says "slow down" once, then drops quietly', async () => {
    const r = recorder();
    const limited = limitTurns(
      r.conversation,
      createMemoryStore(),
      { perUser: 2, perConversation: 0 },
      log,
    );
    for (let i = 1; i <= 5; i++) await limited.run(turn('u1', 'c1', i), r.sender);
    expect(r.ran).toEqual(['t1', 't2']);
    expect(r.posted).toEqual([{ kind: 'slow-down', retryAfterSeconds: 60 }]);
    // Another person is not held back by the first one's count.
    await limited.run(turn('u2', 'c1', 6), r.sender);
    expect(r.ran).toEqual(['t1', 't2', 't6']);
  });

  it('limits a conversation across its people', async () => {
    const r = recorder();
    const limited = limitTurns(
      r.conversation,
      createMemoryStore(),
      { perUser: 0, perConversation: 3 },
      log,
    );
    for (let i = 1; i <= 5; i++) await limited.run(turn(`u${i}`, 'busy', i), r.sender);
    expect(r.ran).toEqual(['t1', 't2', 't3']);
    expect(r.posted).toHaveLength(1);
  });

  it('starts a fresh window after a minute', async () => {
    let now = 0;
    const r = recorder();
    const limited = limitTurns(
      r.conversation,
      createMemoryStore(() => now),
      { perUser: 1, perConversation: 0 },
      log,
    );
    await limited.run(turn('u1', 'c1', 1), r.sender);
    await limited.run(turn('u1', 'c1', 2), r.sender);
    now += 60_001;
    await limited.run(turn('u1', 'c1', 3), r.sender);
    expect(r.ran).toEqual(['t1', 't3']);
  });

  it('lets turns through when the store does not answer', async () => {
    const r = recorder();
    const broken = {
      ...createMemoryStore(),
      hit: () => Promise.reject(new Error('down')),
    } as StateStore;
    const limited = limitTurns(r.conversation, broken, { perUser: 1, perConversation: 1 }, log);
    for (let i = 1; i <= 3; i++) await limited.run(turn('u1', 'c1', i), r.sender);
    expect(r.ran).toEqual(['t1', 't2', 't3']);
  });

  it('asks the store for both counts at once (one round trip to a remote store, not two)', async () => {
    const r = recorder();
    const memory = createMemoryStore();
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A store whose counts answer only once both have been asked for.
    const slow: StateStore = {
      ...memory,
      hit: async (key, windowMs) => {
        asked.push(key);
        if (asked.length === 2) release();
        await gate;
        return memory.hit(key, windowMs);
      },
    };
    const limited = limitTurns(r.conversation, slow, { perUser: 5, perConversation: 5 }, log);
    const run = limited.run(turn('u1', 'c1', 1), r.sender);
    const waited = await Promise.race([
      run.then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 1_000)),
    ]);
    expect(waited).toBe('answered');
    expect(asked).toEqual(['rate:user:slack:u1', 'rate:conversation:c1']);
    expect(r.ran).toEqual(['t1']);
  });
});
