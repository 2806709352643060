/**
 * STATE_TTL_DAYS: every conversation save carries the idle expiry, so a
 * conversation nobody touches for that long is forgotten by either store.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../src/core/contract.js';
import { createConversation } from '../../src/core/create-conversation.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import { createSqliteStore } from '../../src/storage/sqlite-store.js';

const DAY = 24 * 60 * 60 * 1000;

const turn = (text: string): Turn => ({
  id: `t-${text}`,
  conversationId: 'c-expiry',
  user: { id: 'u1' },
  where: { platform: 'cli', kind: 'personal', label: 'terminal' },
  addressed: true,
  input: { kind: 'text', text },
  at: new Date('2026-11-22T09:00:00Z'),
});

describe('idle conversations expire', () => {
  it('forgets a flow after STATE_TTL_DAYS without a turn, not before', async () => {
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const store = createSqliteStore({ path: ':memory:', now: () => clock, purgeEveryMs: 0 });
    const conversation = createConversation({
      resolver: createResolver(loadKnowledge()),
      store,
      handoff: { deliver: async () => ({ delivered: 'not-configured' }) },
      logger: pino({ level: 'silent' }),
      stateTtlMs: 30 * DAY,
    });
    await conversation.handle(turn('0x80070422'));
    clock += 29 * DAY;
    const kept = await conversation.handle(turn('still failing'));
    expect(kept.replies[0]?.kind).toBe('step');
    // The turn above saved again: the 30 days start over from it.
    clock += 29 * DAY;
    const later = await conversation.handle(turn('still failing'));
    expect(['step', 'last-step-done']).toContain(later.replies[0]?.kind);
    clock += 31 * DAY;
    const forgotten = await conversation.handle(turn('still failing'));
    expect(forgotten.replies[0]?.kind).not.toBe('step');
    expect(forgotten.replies[0]?.kind).not.toBe('last-step-done');
    await store.close();
  });
});
