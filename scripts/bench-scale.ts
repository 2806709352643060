/**
 * `npm run bench:scale`: how wuerror scales out and how it behaves past its
 * capacity, on loopback, with the bot as processes started as `npm start` does.
 *
 * 1. Teams messages (`POST /api/messages`), closed loop: two instances
 *    sharing one real redis-server (requests alternate between them, as a
 *    round-robin load balancer would) against one instance on SQLite, in
 *    alternating rounds; req/s, p50 and p99.
 * 2. Slack overload, open loop: slash commands at BENCH_OVERLOAD_RATE per
 *    second (default 1000) for BENCH_OVERLOAD_SECONDS (default 10) against one
 *    instance whose Slack API answers in 50 ms. Every acknowledged command
 *    must get either its answer (through its response_url) or "busy, try
 *    again": in the acknowledgement itself when the backlog is full or not
 *    draining, through the response_url when it waited too long; the age of
 *    each (from sending the command) is reported.
 *
 * BENCH_ROUNDS (default 2), BENCH_SECONDS per measurement (default 4),
 * BENCH_CONCURRENCY (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakePlatform } from '../test/support/fake-platform.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { signSlackRequest } from '../test/support/sign-slack.js';
import { startFakeSlack } from './bench-http/fake-slack.js';
import {
  type LoadResult,
  median,
  type Outgoing,
  type RunningSystem,
  runLoad,
  sendReadingBody,
  serverCommand,
  startSystem,
  teamsActivity,
} from './bench-http/harness.js';

const SERVER = serverCommand();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const RATE = Number(process.env.BENCH_OVERLOAD_RATE ?? 1000);
const OVERLOAD_SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? 10);
const ONLY = process.env.BENCH_ONLY; // 'scale' or 'overload'
const SECRET = 'bench-signing-secret';
/**
 * All of the load comes from one loopback address and a few "people": lift the
 * per-client flood guard (600 a minute by default) and the chat limits, or most
 * of it would be answered 429 (or dropped) before it reaches what is measured.
 */
const UNLIMITED = {
  WUERROR_HTTP_RATE_LIMIT: '100000000',
  WUERROR_RATE_LIMIT_PER_USER: '1000000',
  WUERROR_RATE_LIMIT_PER_CONVERSATION: '1000000',
};

/** Round-robin over the instances, as a load balancer would; 50 conversations per worker. */
function teamsMessage(urls: string[], serviceUrl: string, worker: number, i: number): Outgoing {
  const message = teamsActivity(serviceUrl, `a:bench-${worker}-${i % 50}`, {
    text: i % 2 ? '0x8024001E' : '0x80070422',
  });
  return { ...message, path: `${urls[(worker + i) % urls.length] as string}${message.path}` };
}

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99
    .toFixed(1)
    .padStart(6)} ms  errors ${r.errors}`;

async function scaleOut(): Promise<void> {
  const fake = await startFakePlatform();
  const redis = await startRedisServer();
  const dirs = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), 'wuerror-bench-')));
  const quiet = { LOG_LEVEL: 'silent', ...UNLIMITED };
  const sqlite = await startSystem(
    'sqlite',
    SERVER.script,
    { ...quiet, DATA_DIR: dirs[0] as string },
    SERVER,
  );
  // Two instances sharing one Redis, each with its own data folder.
  const onRedis = (name: string, dir: string) =>
    startSystem(name, SERVER.script, { ...quiet, DATA_DIR: dir, REDIS_URL: redis.url }, SERVER);
  const a = await onRedis('redis-a', dirs[1] as string);
  const b = await onRedis('redis-b', dirs[2] as string);
  const systems: Array<{ name: string; urls: string[] }> = [
    { name: 'one instance, SQLite', urls: [sqlite.url] },
    { name: 'two instances + Redis', urls: [a.url, b.url] },
  ];
  const results = new Map<string, LoadResult[]>(systems.map((s) => [s.name, []]));
  try {
    for (const system of systems) {
      // Warm-up: JIT, connections, first auth-less turn.
      await runLoad({
        baseUrl: '',
        concurrency: CONCURRENCY,
        durationMs: 1000,
        next: (w, i) => teamsMessage(system.urls, fake.url, w, i),
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...systems].reverse() : systems;
      for (const system of order) {
        const result = await runLoad({
          baseUrl: '',
          concurrency: CONCURRENCY,
          durationMs: SECONDS * 1000,
          next: (w, i) => teamsMessage(system.urls, fake.url, w, i),
        });
        results.get(system.name)?.push(result);
        console.log(`  round ${round + 1} ${system.name.padEnd(24)} ${fmt(result)}`);
      }
    }
    console.log(
      `\nTeams /api/messages, ${CONCURRENCY} concurrent, medians of ${ROUNDS} rounds x ${SECONDS} s:`,
    );
    for (const system of systems) {
      const runs = results.get(system.name) ?? [];
      const summary: LoadResult = {
        requests: runs.reduce((n, r) => n + r.requests, 0),
        errors: runs.reduce((n, r) => n + r.errors, 0),
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
      };
      console.log(`  ${system.name.padEnd(24)} ${fmt(summary)}`);
    }
  } finally {
    await Promise.all([sqlite, a, b].map((s: RunningSystem) => s.stop()));
    await redis.stop();
    await fake.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

function slashCommand(baseUrl: string, fakeUrl: string, n: number): Outgoing {
  const form = new URLSearchParams({
    token: 'x',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'helpdesk',
    user_id: `U0BENCH${n % 100}`,
    user_name: 'bench',
    command: '/wuerror',
    text: n % 2 ? '0x8024001E' : '0x80070422',
    api_app_id: 'A0BENCH',
    response_url: `${fakeUrl}/hook/${n}`,
    trigger_id: `trigger-${n}`,
  });
  const body = form.toString();
  return {
    path: `${baseUrl}/slack/events`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(SECRET, body),
    },
    body,
  };
}

async function overload(): Promise<void> {
  const fake = await startFakeSlack(50);
  const dir = mkdtempSync(join(tmpdir(), 'wuerror-bench-'));
  const bot = await startSystem(
    'slack',
    SERVER.script,
    {
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: `${fake.url}/api/`,
      WUERROR_SLASH_VISIBILITY: 'ephemeral',
      ...UNLIMITED,
    },
    SERVER,
  );
  const sentAt = new Map<number, number>();
  const ackedAt = new Map<number, number>();
  let acked = 0;
  let refused = 0;
  const busyInAck: Array<{ n: number; at: number }> = [];
  try {
    const total = RATE * OVERLOAD_SECONDS;
    const started = Date.now();
    const pending: Promise<void>[] = [];
    // Open loop: commands leave on schedule whether or not earlier ones were answered.
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sentAt.set(n, Date.now());
      pending.push(
        sendReadingBody('', slashCommand(bot.url, fake.url, n)).then(({ status, body }) => {
          const at = Date.now();
          ackedAt.set(n, at);
          if (status === 200) acked++;
          else refused++;
          // Past the backlog's bound, "busy" comes in the acknowledgement itself.
          if (status === 200 && body.includes('busy right now')) busyInAck.push({ n, at });
        }),
      );
    }
    await Promise.all(pending);
    const sendSeconds = (Date.now() - started) / 1000;
    // Let the backlog finish (every answer is due within seconds, or it was told "busy").
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const answers = new Map<number, { at: number; busy: boolean }>();
    let duplicates = 0;
    for (const { n, at, busy } of [
      ...fake.answers,
      ...busyInAck.map((b) => ({ ...b, busy: true })),
    ]) {
      if (answers.has(n)) duplicates++;
      answers.set(n, { at, busy });
    }
    const ages = (busy: boolean, from: Map<number, number>) =>
      [...answers.entries()]
        .filter(([, a]) => a.busy === busy)
        .map(([n, a]) => a.at - (from.get(n) ?? a.at))
        .sort((x, y) => x - y);
    const pct = (values: number[], q: number) =>
      values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    const answered = ages(false, sentAt);
    const busy = ages(true, sentAt);
    const answeredAfterAck = ages(false, ackedAt);
    const ackTimes = [...ackedAt.entries()]
      .map(([n, at]) => at - (sentAt.get(n) ?? at))
      .sort((x, y) => x - y);
    console.log(
      `\nSlack overload: ${total} slash commands at ${RATE}/s (sent in ${sendSeconds.toFixed(1)} s), Slack API 50 ms:`,
    );
    console.log(
      `  acknowledged ${acked}, not acknowledged ${refused}; ack time p50 ${pct(ackTimes, 0.5)} ms, p99 ${pct(ackTimes, 0.99)} ms`,
    );
    console.log(
      `  answered ${answered.length}: age p50 ${pct(answered, 0.5)} ms, p99 ${pct(answered, 0.99)} ms, max ${answered.at(-1) ?? 0} ms`,
    );
    console.log(
      `  answers counted from the acknowledgement: p50 ${pct(answeredAfterAck, 0.5)} ms, p99 ${pct(answeredAfterAck, 0.99)} ms, max ${answeredAfterAck.at(-1) ?? 0} ms`,
    );
    console.log(
      `  told "busy, try again" ${busy.length} (${busyInAck.length} of them in the acknowledgement): age p50 ${pct(busy, 0.5)} ms, p99 ${pct(busy, 0.99)} ms, max ${busy.at(-1) ?? 0} ms`,
    );
    console.log(
      `  acknowledged but never answered: ${acked - answers.size}; answered twice: ${duplicates}`,
    );
  } finally {
    await bot.stop();
    fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (ONLY !== 'overload') await scaleOut();
if (ONLY !== 'scale') await overload();
