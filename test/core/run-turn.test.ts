/**
 * The turn pipeline's timing rules without any platform: the typing
 * indicator only for a turn still deciding after the delay, and replacing
 * the clicked message side by side with posting the next one.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Reply, Turn, TurnResult } from '../../src/core/contract.js';
import { runTurn, type Sender, TYPING_AFTER_MS } from '../../src/core/run-turn.js';

// biome-ignore lint/suspicious/noExplicitAny: log lines are JSON under test.
type Json = any;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function turn(input: Turn['input'] = { kind: 'text', text: '0x8024401B' }): Turn {
  return {
    id: 'turn-1',
    conversationId: 'c1',
    user: { id: 'u1', name: 'Alex' },
    where: { platform: 'teams', kind: 'personal', label: 'chat' },
    addressed: true,
    input,
    at: new Date('2026-11-22T09:00:00Z'),
  };
}

const help: Reply = { kind: 'help' } as Reply;
const answered = {
  by: { id: 'u1', name: 'Alex' },
  action: { type: 'answer', answer: 'not-fixed', flowId: 'f', step: 0 },
} as NonNullable<TurnResult['answered']>;

/** Records every call to the platform in order, with when each started and ended. */
function timeline(options: { typingMs?: number; replaceMs?: number; typingFails?: boolean } = {}) {
  const events: string[] = [];
  const sender: Required<Omit<Sender, 'opened'>> = {
    async post(reply) {
      events.push(`post ${reply.kind}`);
      return undefined;
    },
    async replace() {
      events.push('replace start');
      await sleep(options.replaceMs ?? 0);
      events.push('replace end');
    },
    async typing() {
      events.push('typing start');
      await sleep(options.typingMs ?? 0);
      if (options.typingFails) throw new Error('connector refused the indicator');
      events.push('typing end');
    },
  };
  return { events, sender };
}

function logger() {
  const logs: Json[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logs, log: pino({ level: 'debug' }, sink) };
}

const decideAfter =
  (ms: number, result: TurnResult = { replies: [help] }) =>
  async () => {
    await sleep(ms);
    return result;
  };

describe('runTurn', () => {
  it('waits about 300 ms before a typing indicator by default', () => {
    expect(TYPING_AFTER_MS).toBe(300);
  });

  it('sends no typing indicator before an immediate answer', async () => {
    const { events, sender } = timeline();
    await runTurn(decideAfter(0), turn(), sender, logger().log, { typingAfterMs: 40 });
    await sleep(80);
    expect(events).toEqual(['post help']);
  });

  it('shows typing once when the turn is still deciding after the delay, before the answer', async () => {
    const { events, sender } = timeline();
    await runTurn(decideAfter(120), turn(), sender, logger().log, { typingAfterMs: 30 });
    expect(events).toEqual(['typing start', 'typing end', 'post help']);
  });

  it('lets an indicator already on its way land before the answer', async () => {
    const { events, sender } = timeline({ typingMs: 100 });
    await runTurn(decideAfter(50), turn(), sender, logger().log, { typingAfterMs: 20 });
    expect(events).toEqual(['typing start', 'typing end', 'post help']);
  });

  it('answers anyway when the indicator is refused, and logs TYPING_FAILED', async () => {
    const { events, sender } = timeline({ typingFails: true });
    const { logs, log } = logger();
    await runTurn(decideAfter(80), turn(), sender, log, { typingAfterMs: 20 });
    expect(events).toEqual(['typing start', 'post help']);
    expect(logs.find((l) => l.code === 'TYPING_FAILED')).toMatchObject({ turnId: 'turn-1' });
    expect(logs.some((l) => l.code === 'TURN_FAILED')).toBe(false);
  });

  it('never shows typing for the bot being added, however long the welcome takes', async () => {
    const { events, sender } = timeline();
    await runTurn(decideAfter(80), turn({ kind: 'joined' }), sender, logger().log, {
      typingAfterMs: 20,
    });
    expect(events).toEqual(['post help']);
  });

  it('works with a sender that has no typing indicator', async () => {
    const posted: Reply[] = [];
    const sender: Sender = { post: async (r) => void posted.push(r), replace: async () => {} };
    await runTurn(decideAfter(60), turn(), sender, logger().log, { typingAfterMs: 10 });
    expect(posted).toEqual([help]);
  });

  it('posts the next message while the clicked one is being replaced, and finishes after both', async () => {
    const { events, sender } = timeline({ replaceMs: 60 });
    await runTurn(
      decideAfter(0, { replies: [help, help], answered }),
      turn(),
      sender,
      logger().log,
    );
    expect(events).toEqual(['replace start', 'post help', 'post help', 'replace end']);
  });

  it('apologises when deciding throws, after any indicator already sent', async () => {
    const { events, sender } = timeline({ typingMs: 60 });
    const { logs, log } = logger();
    const decide = async () => {
      await sleep(40);
      throw new Error('store down');
    };
    await runTurn(decide, turn(), sender, log, { typingAfterMs: 10 });
    expect(events).toEqual(['typing start', 'typing end', 'post oops']);
    expect(logs.find((l) => l.code === 'TURN_FAILED')).toMatchObject({ turnId: 'turn-1' });
  });
});
