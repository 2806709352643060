/**
 * Two app instances behind one load balancer, sharing one real redis-server:
 * a flow that hops between instances turn by turn, a Slack retry that lands
 * on the other instance, 20 simultaneous clicks on one card spread over both,
 * and Redis killed and restarted mid-flow. Each test counts conversations
 * lost, duplicate answers and double advances; all must be 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/storage/redis-store.js';
import type { StateStore } from '../../src/storage/state-store.js';
import { buttonsOf } from '../support/check-block-kit.js';
import {
  type RedisServer,
  redisUnavailableReason,
  startRedisServer,
} from '../support/redis-server.js';
import { signSlackRequest } from '../support/sign-slack.js';
import {
  fixture,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from '../support/slack-harness.js';

const skipReason = redisUnavailableReason();
if (skipReason) console.warn(`[two-instances.test] skipped: ${skipReason}`);

const ROOT = fixture('event-channel-message').event.ts as string;
const CODE_MESSAGE = 'PC-042: 0x80070422 again';
/** A step card as it was posted (a clicked card is edited to "X answered: ..." later). */
const STEP = /^0x[0-9A-F]{8} \S+: step (\d+) of/;

describe.skipIf(skipReason !== null)('two instances on one Redis (Slack)', () => {
  let redis: RedisServer;
  let dir: string;
  let slack: SlackHarness;
  let run = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wuerror-redis-'));
    redis = await startRedisServer(dir);
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    expect(slack.problems).toEqual([]);
    await slack.close();
  });

  /** Two instances, each with its own Redis connection, on a fresh key space. */
  async function twoInstances(): Promise<SlackHarness> {
    const prefix = `two${++run}:`;
    const store = (): Promise<StateStore> =>
      createRedisStore({ url: redis.url, prefix, commandTimeoutMs: 1000 });
    // Rate limits off: 21 turns of one person in a second are the point here, not abuse.
    slack = await startSlackHarness({
      store: await store(),
      env: { WUERROR_RATE_LIMIT_PER_USER: '0', WUERROR_RATE_LIMIT_PER_CONVERSATION: '0' },
    });
    await slack.twin({ store: await store() });
    return slack;
  }

  const steps = () =>
    slack
      .thread(ROOT)
      .map((m) => STEP.exec(m.versions[0]?.text ?? '')?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);

  it('a flow alternating instances turn by turn goes step by step to "fixed"', async () => {
    await twoInstances();
    slack.use(0);
    await slack.event('event-channel-message', { text: CODE_MESSAGE });
    await slack.handled(1);
    let handled = 1;
    for (let turn = 0; turn < 2; turn++) {
      slack.use((turn + 1) % 2);
      const current = slack.thread(ROOT).at(-1);
      if (!current) throw new Error('no card');
      await slack.click(current, 'No, still failing');
      await slack.handled(++handled);
    }
    slack.use(1);
    const last = slack.thread(ROOT).at(-1);
    if (!last) throw new Error('no card');
    await slack.click(last, 'Yes, fixed');
    await slack.handled(++handled);

    // Lost: 0 (every turn found the flow); duplicates: 0; double advances: 0.
    expect(steps()).toEqual([1, 2, 3]);
    expect(slack.thread(ROOT).at(-1)?.text).toMatch(/is fixed\.$/);
    expect(slack.thread(ROOT)).toHaveLength(4);
  });

  it('a Slack retry delivered to the other instance is answered once', async () => {
    await twoInstances();
    slack.use(0);
    await slack.event('event-channel-message', { text: CODE_MESSAGE }, { eventId: 'Ev0RETRY01' });
    await slack.handled(1);
    slack.use(1);
    const retry = await slack.event(
      'event-channel-message',
      { text: CODE_MESSAGE },
      { eventId: 'Ev0RETRY01', retryNum: 1 },
    );
    expect(retry.status).toBe(200);
    await slack.waitForLog('SLACK_RETRY_IGNORED');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Duplicate answers: 0.
    expect(slack.thread(ROOT)).toHaveLength(1);
    const metrics = await (await fetch(`${slack.apps[1]?.url}/metrics`)).text();
    expect(metrics).toContain('wuerror_dedupe_hits_total{platform="slack"} 1');
  });

  it('20 simultaneous clicks on one card, spread over both instances, advance it once', async () => {
    await twoInstances();
    slack.use(0);
    await slack.event('event-channel-message', { text: CODE_MESSAGE });
    await slack.handled(1);
    const card = slack.thread(ROOT)[0];
    if (!card) throw new Error('no card');
    const bodies = Array.from({ length: 20 }, () => slack.clickBody(card, 'No, still failing'));
    await Promise.all(
      bodies.map((body, i) =>
        fetch(`${slack.apps[i % 2]?.url}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...signed(body),
          },
          body,
        }),
      ),
    );
    await slack.handled(21);
    const thread = slack.thread(ROOT);
    // Double advances: 0. Exactly one step 2; the other 19 clicks were told the card is old.
    expect(steps()).toEqual([1, 2]);
    expect(thread.filter((m) => /^That button is from an older card/.test(m.text))).toHaveLength(
      19,
    );
    expect(slack.calls.filter((c) => c.api === 'chat.update')).toHaveLength(1);
    expect(buttonsOf(card)).toEqual([]);
  });

  it('Redis killed mid-flow: an apology and a failing /readyz, then the flow carries on', async () => {
    await twoInstances();
    slack.use(0);
    await slack.event('event-channel-message', { text: CODE_MESSAGE });
    await slack.handled(1);
    const step1 = slack.thread(ROOT)[0];
    if (!step1) throw new Error('no card');

    await redis.kill();
    const ready = await fetch(`${slack.apps[1]?.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { store: 'failing' } });
    slack.use(1);
    await slack.click(step1, 'No, still failing');
    await slack.handled(2);
    expect(slack.thread(ROOT).at(-1)?.text).toMatch(/^Sorry, something went wrong/);
    expect(buttonsOf(step1)).not.toEqual([]);

    await redis.restart();
    await until(async () => (await fetch(`${slack.apps[1]?.url}/readyz`)).status === 200);
    await until(async () => (await fetch(`${slack.apps[0]?.url}/readyz`)).status === 200);
    slack.use(0);
    await slack.click(step1, 'No, still failing');
    await slack.handled(3);
    // Lost: 0 (the flow survived the restart); double advances: 0.
    expect(steps()).toEqual([1, 2]);
    const metrics = await (await fetch(`${slack.apps[1]?.url}/metrics`)).text();
    expect(metrics).toMatch(/wuerror_store_errors_total\{operation="load"\} [1-9]/);
  });
});

function signed(body: string): Record<string, string> {
  return signSlackRequest(SIGNING_SECRET, body);
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
