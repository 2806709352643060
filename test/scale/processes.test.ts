/**
 * The bot as separate processes (what `npm start` runs), for what only a
 * process shows: two instances on one Redis with one killed by SIGKILL in the
 * middle of a flow, and a SIGTERM right after Slack's acknowledgement while
 * the Slack API is slow. The platforms are a real HTTP fake on loopback.
 * Everything runs twice: from the sources (tsx) and from the server bundle
 * `npm start` runs (built here with the build's own bundler, Redis and Slack
 * in their lazily loaded chunks).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer } from '../../scripts/bundle-server.js';
import { type BotProcess, startBotProcess } from '../support/bot-process.js';
import { type FakePlatform, startFakePlatform } from '../support/fake-platform.js';
import {
  type RedisServer,
  redisUnavailableReason,
  startRedisServer,
} from '../support/redis-server.js';
import { signSlackRequest } from '../support/sign-slack.js';
import { cardText, clickOn, type Json, say } from '../support/teams-harness.js';

const skipReason = redisUnavailableReason();
if (skipReason) console.warn(`[processes.test] skipped: ${skipReason}`);

const SECRET = '8f14e45fceea167a5a36dedd4bea2543';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Two folders below the repository, as the build's dist/bundle: the bundle
 * finds knowledge/ and dist/knowledge.json from its own place.
 */
const BUNDLE_DIR = join(import.meta.dirname, '..', '..', 'dist', `bundle-test-${process.pid}`);

describe.skipIf(skipReason !== null).each([
  { from: 'sources', bundled: false },
  { from: 'server bundle', bundled: true },
])('bot processes ($from)', ({ bundled }) => {
  let redis: RedisServer;
  let fake: FakePlatform;
  let dataDir: string;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    if (bundled) await bundleServer(BUNDLE_DIR);
    redis = await startRedisServer();
    fake = await startFakePlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'wuerror-proc-'));
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((bot) => bot.exited));
    await fake?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (bundled) rmSync(BUNDLE_DIR, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const entry = bundled ? join(BUNDLE_DIR, 'start.js') : undefined;
    const bot = await startBotProcess({ DATA_DIR: dataDir, ...env }, entry);
    bots.push(bot);
    return bot;
  };

  it('kill -9 of one instance mid-flow: the other finishes the flow', async () => {
    const env = { REDIS_URL: redis.url };
    const [a, b] = await Promise.all([start(env), start(env)]);
    if (!a || !b) throw new Error('no bots');
    const post = (bot: BotProcess, activity: Json) =>
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl: `${fake.url}/` }),
      });
    const before = fake.cards().length;
    expect((await post(a, say('0x80070422'))).status).toBeLessThan(300);
    await until(() => fake.cards().length === before + 1, 'step 1');
    const step1 = fake.cards().at(-1);
    if (!step1) throw new Error('no card');
    expect(cardText(step1.card)).toMatch(/Step 1 of 3/);

    a.child.kill('SIGKILL');
    expect(await a.exited).toBeNull();

    expect((await post(b, clickOn(step1, 'No, still failing'))).status).toBeLessThan(300);
    await until(() => fake.cards().length === before + 2, 'step 2');
    const step2 = fake.cards().at(-1);
    if (!step2) throw new Error('no card');
    // Lost: 0 (B knew the flow A started); duplicates: 0; double advances: 0.
    expect(cardText(step2.card)).toMatch(/Step 2 of 3/);
    expect((await post(b, clickOn(step2, 'Yes, fixed'))).status).toBeLessThan(300);
    await until(() => fake.cards().length === before + 3, 'fixed');
    expect(cardText(fake.cards().at(-1)?.card)).toContain('Great, it is fixed.');
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 60_000);

  it('SIGTERM right after a slash command was acknowledged still sends the answer', async () => {
    const bot = await start({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${fake.url}/api/`,
      WUERROR_SLASH_VISIBILITY: 'ephemeral',
    });
    // Slack answers every call 1.5 s late: the answer is still on its way at SIGTERM.
    fake.delayMs = 1500;
    const form = new URLSearchParams(
      readFileSync(
        join(import.meta.dirname, '..', 'fixtures', 'slack', 'slash-command.form'),
        'utf8',
      ),
    );
    form.set('text', '0x80070422');
    form.set('response_url', `${fake.url}/commands/T0TEAM001/1/sigterm`);
    const body = form.toString();
    const acked = await fetch(`${bot.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(SECRET, body),
      },
      body,
    });
    expect(acked.status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    fake.delayMs = 0;
    // Lost acknowledged commands: 0. The answer reached the response_url before the exit.
    const answers = fake.calls.filter((c) => c.path === '/commands/T0TEAM001/1/sigterm');
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.body)).toMatch(/0x80070422/);
    expect(bot.output()).toMatch(/"finished":true[^\n]*"msg":"stopped"/);
  }, 60_000);
});
