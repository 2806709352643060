/**
 * `npm run bench:startup`: start-up and memory only, quicker than bench:http.
 * wuerror (exactly as `npm start` runs it, with Slack on) and
 * the botbuilder echo bot in alternating order: time to the first 200 from
 * /healthz, time to the first answered Teams message, RSS idle and after
 * BENCH_RSS_REQUESTS Teams messages.
 *
 * Each start also reports the CPU time the process had used (all its
 * threads, from /proc) once it had answered both: on a busy machine that
 * varies much less than wall-clock time.
 *
 * BENCH_ROUNDS (default 5), BENCH_RSS_REQUESTS (default 10000; 0 skips it),
 * BENCH_BASELINE: another build's dist/bundle/start.js (a checkout of an
 * earlier commit, built) started the same way in the same rounds, for a
 * before/after in one run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const BASELINE = process.env.BENCH_BASELINE;
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second. */
const TICK_MS = 10;

/** User + system CPU time of a running process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

type Which = 'wuerror' | 'echo' | 'baseline';

async function main(): Promise<void> {
  const fake = await startFakePlatform({ record: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'wuerror-bench-startup-'));
  const server = serverCommand();
  const start = (which: Which, firstRequest?: () => Outgoing) =>
    which !== 'echo'
      ? startSystem(
          which,
          which === 'baseline' && BASELINE ? BASELINE : server.script,
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
  const systems: Which[] = BASELINE ? ['wuerror', 'baseline', 'echo'] : ['wuerror', 'echo'];
  const times = Object.fromEntries(
    systems.map((which) => [
      which,
      { healthz: [] as number[], answer: [] as number[], cpu: [] as number[] },
    ]),
  ) as Record<Which, { healthz: number[]; answer: number[]; cpu: number[] }>;
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? systems : [...systems].reverse();
    for (const which of order) {
      const conversation = `startup-${round}-${which}`;
      const s = await start(which, () =>
        teamsActivity(fake.url, conversation, { text: '0x8024001E' }),
      );
      times[which].healthz.push(s.startupMs);
      times[which].answer.push(s.firstAnswerMs ?? Number.NaN);
      times[which].cpu.push(cpuMs(s.pid));
      if (which !== 'echo' && !fake.lastCard(conversation)) {
        throw new Error('the first answered message posted no card');
      }
      await s.stop();
    }
  }
  const fmt = (n: number) => `${Math.round(n)} ms`;
  console.log(`\nbench:startup — ${ROUNDS} rounds, medians; node ${process.version}\n`);
  const baseline = BASELINE ? ' baseline |' : '';
  console.log(`| | wuerror |${baseline} echo bot | ratio |`);
  console.log(`| --- | --- |${BASELINE ? ' --- |' : ''} --- | --- |`);
  for (const [name, key] of [
    ['start-up to first 200', 'healthz'],
    ['start-up to first answered Teams message', 'answer'],
    ['CPU used by then (all threads)', 'cpu'],
  ] as const) {
    const ours = median(times.wuerror[key]);
    const floor = median(times.echo[key]);
    const before = BASELINE ? ` ${fmt(median(times.baseline[key]))} |` : '';
    console.log(
      `| ${name} | ${fmt(ours)} |${before} ${fmt(floor)} | ${(ours / floor).toFixed(2)}x |`,
    );
  }
  if (RSS_REQUESTS > 0) {
    const rss = async (which: Which): Promise<[number, number]> => {
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
      `| RSS after ${RSS_REQUESTS.toLocaleString('en-US')} Teams messages | ${ours.toFixed(0)} MB (idle ${oursIdle.toFixed(0)}) |${BASELINE ? ' (not measured) |' : ''} ${echo.toFixed(0)} MB (idle ${echoIdle.toFixed(0)}) | ${(ours / echo).toFixed(2)}x |`,
    );
  }
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
