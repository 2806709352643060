/**
 * `npm run bench:startup`: start-up and memory only, quicker than bench:http.
 * wuerror (exactly as `npm start` runs it, with Slack on) and
 * the botbuilder echo bot in alternating order: time to the first 200 from
 * /healthz, time to the first answered Teams message, RSS idle and after
 * BENCH_RSS_REQUESTS Teams messages.
 *
 * BENCH_ROUNDS (default 5), BENCH_RSS_REQUESTS (default 10000; 0 skips it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakePlatform } from '../test/support/fake-platform.js';
import {
  median,
  type Outgoing,
  type RunningSystem,
  runLoad,
  serverCommand,
  startSystem,
  teamsActivity,
} from './bench-http/harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const RSS_REQUESTS = Number(process.env.BENCH_RSS_REQUESTS ?? 10_000);

async function main(): Promise<void> {
  const fake = await startFakePlatform({ record: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'wuerror-bench-startup-'));
  const server = serverCommand();
  const start = (which: 'wuerror' | 'echo', firstRequest?: () => Outgoing) =>
    which === 'wuerror'
      ? startSystem(
          'wuerror',
          server.script,
          {
            SLACK_SIGNING_SECRET: 'bench-signing-secret',
            SLACK_BOT_TOKEN: 'xoxb-bench-token',
            SLACK_API_URL: `${fake.url}/api/`,
            DATA_DIR: mkdtempSync(join(dataDir, 'wuerror-')),
            LOG_LEVEL: 'warn',
            WUERROR_RATE_LIMIT_PER_USER: '1000000',
            WUERROR_RATE_LIMIT_PER_CONVERSATION: '1000000',
            WUERROR_HTTP_RATE_LIMIT: '1000000',
          },
          { nodeArgs: server.nodeArgs, ...(firstRequest ? { firstRequest } : {}) },
        )
      : startSystem(
          'echo bot',
          join(root, 'scripts', 'bench-http', 'echo-bot.mjs'),
          {},
          firstRequest ? { firstRequest } : {},
        );
  const times = {
    wuerror: { healthz: [] as number[], answer: [] as number[] },
    echo: { healthz: [] as number[], answer: [] as number[] },
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? (['wuerror', 'echo'] as const) : (['echo', 'wuerror'] as const);
    for (const which of order) {
      const conversation = `startup-${round}-${which}`;
      const s = await start(which, () =>
        teamsActivity(fake.url, conversation, { text: '0x8024001E' }),
      );
      times[which].healthz.push(s.startupMs);
      times[which].answer.push(s.firstAnswerMs ?? Number.NaN);
      if (which === 'wuerror' && !fake.lastCard(conversation)) {
        throw new Error('the first answered message posted no card');
      }
      await s.stop();
    }
  }
  const fmt = (n: number) => `${Math.round(n)} ms`;
  console.log(`\nbench:startup — ${ROUNDS} rounds, medians; node ${process.version}\n`);
  console.log('| | wuerror | echo bot | ratio |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, key] of [
    ['start-up to first 200', 'healthz'],
    ['start-up to first answered Teams message', 'answer'],
  ] as const) {
    const ours = median(times.wuerror[key]);
    const floor = median(times.echo[key]);
    console.log(`| ${name} | ${fmt(ours)} | ${fmt(floor)} | ${(ours / floor).toFixed(2)}x |`);
  }
  if (RSS_REQUESTS > 0) {
    const rss = async (which: 'wuerror' | 'echo'): Promise<[number, number]> => {
      const s: RunningSystem = await start(which);
      try {
        const idle = s.rssMb();
        await runLoad({
          baseUrl: s.url,
          concurrency: 10,
          durationMs: 600_000,
          maxRequests: RSS_REQUESTS,
          next: (w, i) =>
            teamsActivity(fake.url, `bench-rss-${w}-${i % 50}`, {
              text: i % 3 ? '0x8024001E' : 'updates fail behind our proxy',
            }),
        });
        return [idle, s.rssMb()];
      } finally {
        await s.stop();
      }
    };
    const [oursIdle, ours] = await rss('wuerror');
    const [echoIdle, echo] = await rss('echo');
    console.log(
      `| RSS after ${RSS_REQUESTS.toLocaleString('en-US')} Teams messages | ${ours.toFixed(0)} MB (idle ${oursIdle.toFixed(0)}) | ${echo.toFixed(0)} MB (idle ${echoIdle.toFixed(0)}) | ${(ours / echo).toFixed(2)}x |`,
    );
  }
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
