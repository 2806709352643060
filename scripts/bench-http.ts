/**
 * `npm run bench:http`: the whole server against its framework floors, side
 * by side in one run, on loopback.
 *
 * - Teams: wuerror vs botbuilder's minimal echo bot (CloudAdapter, anonymous
 *   mode), both replying through one fake connector.
 * - Slack: wuerror's /wuerror acknowledgements per second vs a bare Bolt app
 *   that only acknowledges; its answers per second (one chat.postMessage
 *   each) and their age (from sending the command to the fake Slack, its own
 *   process, receiving the answer) vs Bolt's minimal answering bot
 *   (acknowledges, then one chat.postMessage through its own client). Ten
 *   clients sending as fast as they are acknowledged overload it: the
 *   slashFate line says what became of the commands (answered, "busy" in the
 *   acknowledgement, "busy" later). A light open-loop load
 *   (BENCH_SLACK_LIGHT_RATE, 50 a second) must be answered in full.
 * - A bare Node http handler shows the ceiling of this machine.
 *
 * Systems run as separate processes (wuerror exactly as `npm start` runs
 * it, see serverCommand) in alternating order per round; the table gives medians over
 * rounds and the ratio to the floor measured in the same run.
 *
 * BENCH_ROUNDS (default 3), BENCH_SECONDS per measurement (default 3),
 * BENCH_CONCURRENCY (default 10), BENCH_RSS_REQUESTS (default 10000), BENCH_WARMUP_SECONDS
 * (default 1: every system runs each measured traffic that long unmeasured first, warm as in
 * production).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakePlatform, startFakePlatform } from '../test/support/fake-platform.js';
import { signSlackRequest } from '../test/support/sign-slack.js';
import { type FakeSlack, percentile, startFakeSlack } from './bench-http/fake-slack.js';
import {
  teamsActivity as harnessActivity,
  type LoadResult,
  median,
  type Outgoing,
  type RunningSystem,
  runLoad,
  type StartOptions,
  send,
  serverCommand,
  startSystem,
} from './bench-http/harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const here = join(root, 'scripts', 'bench-http');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const RSS_REQUESTS = Number(process.env.BENCH_RSS_REQUESTS ?? 10_000);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const SIGNING_SECRET = 'bench-signing-secret';
/** The light Slack load every command of which must be answered, none told "busy". */
const LIGHT_RATE = Number(process.env.BENCH_SLACK_LIGHT_RATE ?? 50);

let counter = 0;

/** A Teams message or click through the fake connector. */
const teamsActivity = (
  fake: FakePlatform,
  conversation: string,
  input: { text?: string; value?: unknown; replyToId?: string; type?: string; name?: string },
) => harnessActivity(fake.url, conversation, input);

/**
 * A click on an Action.Execute button as Teams sends it: an
 * `adaptiveCard/action` invoke whose value carries the action and its
 * trigger, replying to the card clicked.
 */
const executeClick = (
  fake: FakePlatform,
  conversation: string,
  button: { verb?: string; data: unknown },
  replyToId: string,
) =>
  teamsActivity(fake, conversation, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: {
      action: { type: 'Action.Execute', id: '', verb: button.verb, data: button.data },
      trigger: 'manual',
    },
  });

/** When each numbered slash command left, to age its answer (fake Slack's receive time). */
const commandSentAt = new Map<number, number>();

/**
 * A /wuerror command, numbered: its channel (C0BENCH<n>) and response_url
 * (/hook/<n>) let the fake Slack tell which command an answer belongs to.
 */
function slashCommand(slack: FakeSlack, worker: number): Outgoing {
  const n = ++counter;
  const body = new URLSearchParams({
    token: 'legacy-unused',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: `C0BENCH${n}`,
    channel_name: 'helpdesk',
    user_id: `U0BENCH${worker}`,
    user_name: 'bench',
    command: '/wuerror',
    text: '0x8024001E',
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: `${slack.url}/hook/${n}`,
    trigger_id: `${n}.${process.pid}.bench${worker}`,
  }).toString();
  commandSentAt.set(n, Date.now());
  return {
    path: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(SIGNING_SECRET, body),
    },
    body,
  };
}

/** What became of the commands numbered from `first` on, once their answers stop coming. */
async function slashAnswers(slack: FakeSlack, first: number) {
  let seen = -1;
  for (let waited = 0; waited < 8000 && seen !== slack.answers.length; waited += 500) {
    seen = slack.answers.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ages: number[] = [];
  let late = 0;
  for (const answer of slack.answers.splice(0)) {
    if (answer.n < first) continue;
    if (answer.busy) late++;
    else ages.push(answer.at - (commandSentAt.get(answer.n) ?? answer.at));
  }
  for (const n of commandSentAt.keys()) if (n >= first) commandSentAt.delete(n);
  ages.sort((a, b) => a - b);
  return { answered: ages.length, late, p50: percentile(ages, 0.5), p99: percentile(ages, 0.99) };
}

/** Open loop: `rate` commands a second for `seconds`, whatever became of the earlier ones. */
async function openLoop(system: RunningSystem, slack: FakeSlack, rate: number, seconds: number) {
  const started = Date.now();
  const pending: Array<Promise<number>> = [];
  for (let i = 0; i < rate * seconds; i++) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(system.url, slashCommand(slack, i % CONCURRENCY)));
  }
  const statuses = await Promise.all(pending);
  return { sent: statuses.length, acknowledged: statuses.filter((s) => s === 200).length };
}

type CardButton = { type: string; title: string; verb?: string; data: unknown };

/** Every button in a card, wherever it sits (actions, ActionSets); a fallback is the same button. */
function cardButtons(node: unknown, found: CardButton[] = []) {
  if (Array.isArray(node)) for (const item of node) cardButtons(item, found);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (
      (record.type === 'Action.Execute' || record.type === 'Action.Submit') &&
      record.data !== undefined
    ) {
      const verb = typeof record.verb === 'string' ? { verb: record.verb } : {};
      found.push({
        type: record.type,
        title: String(record.title ?? ''),
        data: record.data,
        ...verb,
      });
      return found;
    }
    for (const value of Object.values(record)) cardButtons(value, found);
  }
  return found;
}

/**
 * The click a helpdesk user makes most: "didn't help", so the flow moves on;
 * sent as Teams sends it, an invoke for an Action.Execute button, a message
 * with `value` for an Action.Submit one.
 */
function nextClick(fake: FakePlatform, conversation: string): Outgoing {
  const last = fake.lastCard(conversation);
  const buttons = last ? cardButtons(last.card) : [];
  const pick =
    buttons.find((a) => /not fixed|didn.t|still|^no\b/i.test(a.title)) ??
    buttons.find((a) => /start over/i.test(a.title)) ??
    buttons[0];
  if (!last || !pick) return teamsActivity(fake, conversation, { text: '0x8024001E' });
  if (pick.type === 'Action.Execute') return executeClick(fake, conversation, pick, last.id);
  return teamsActivity(fake, conversation, { value: pick.data, replyToId: last.id });
}

interface Systems {
  wuerror: (options?: StartOptions) => Promise<RunningSystem>;
  /** The same server with WEB_CONCURRENCY=2: two workers sharing the port. */
  wuerror2: () => Promise<RunningSystem>;
  echo: (options?: StartOptions) => Promise<RunningSystem>;
  bolt: () => Promise<RunningSystem>;
  boltAnswer: () => Promise<RunningSystem>;
  bare: () => Promise<RunningSystem>;
}

function systems(slack: FakeSlack, dataDir: string): Systems {
  const slackEnv = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_API_URL: `${slack.url}/api/`,
  };
  const server = serverCommand();
  const wuerror = (workers: number) => (options?: StartOptions) =>
    startSystem(
      workers > 1 ? `wuerror x${workers}` : 'wuerror',
      server.script,
      {
        ...slackEnv,
        DATA_DIR: mkdtempSync(join(dataDir, 'wuerror-')),
        LOG_LEVEL: 'warn',
        WEB_CONCURRENCY: String(workers),
        // Benchmark traffic is one "user" per worker at full speed: lift the chat limits.
        WUERROR_RATE_LIMIT_PER_USER: '1000000',
        WUERROR_RATE_LIMIT_PER_CONVERSATION: '1000000',
        WUERROR_HTTP_RATE_LIMIT: '1000000',
      },
      { nodeArgs: server.nodeArgs, ...options },
    );
  return {
    wuerror: wuerror(1),
    wuerror2: wuerror(2),
    echo: (options?: StartOptions) =>
      startSystem('echo bot', join(here, 'echo-bot.mjs'), {}, options),
    bolt: () => startSystem('bare Bolt', join(here, 'bolt-app.mjs'), slackEnv),
    boltAnswer: () => startSystem('answering Bolt', join(here, 'bolt-answer.mjs'), slackEnv),
    bare: () => startSystem('bare http', join(here, 'bare-http.mjs'), {}),
  };
}

/** Work turned away at once so far ("busy" in the acknowledgement), from /metrics. */
async function busyCount(system: RunningSystem): Promise<number> {
  const metrics = await (await fetch(`${system.url}/metrics`)).text();
  return (
    metricValue(metrics, 'wuerror_busy_total', 'reason="full"') +
    metricValue(metrics, 'wuerror_busy_total', 'reason="behind"')
  );
}

/** The sum of a Prometheus counter's samples whose labels include `labels`. */
function metricValue(text: string, name: string, labels: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    if (labels && !line.includes(labels)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

type Row = { name: string; ours: number[]; floor: number[]; unit: string; higherIsBetter: boolean };

async function measure<T>(
  start: () => Promise<RunningSystem>,
  run: (system: RunningSystem) => Promise<T>,
): Promise<T> {
  const system = await start();
  try {
    return await run(system);
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  const fake = await startFakePlatform({ record: false });
  // Slack's side in its own process: its receive times age the answers.
  const fakeSlack = await startFakeSlack(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'wuerror-bench-http-'));
  const sys = systems(fakeSlack, dataDir);
  const load = (system: RunningSystem, next: (w: number, i: number) => Outgoing, extra = {}) =>
    runLoad({
      baseUrl: system.url,
      concurrency: CONCURRENCY,
      durationMs: SECONDS * 1000,
      next,
      ...extra,
    });
  // Each system runs the same traffic unmeasured first: a process just started runs its code
  // cold (not yet optimised by the JIT), which costs a larger server more than a minimal one,
  // and a server in production is warm.
  const warm = async (system: RunningSystem, next: (w: number, i: number) => Outgoing) => {
    if (WARMUP_SECONDS > 0) await load(system, next, { durationMs: WARMUP_SECONDS * 1000 });
  };
  const measured = async (system: RunningSystem, next: (w: number, i: number) => Outgoing) => {
    await warm(system, next);
    return load(system, next);
  };
  const rows: Record<string, Row> = {
    message: {
      name: `Teams message, ${CONCURRENCY} concurrent`,
      ours: [],
      floor: [],
      unit: 'req/s',
      higherIsBetter: true,
    },
    messageP99: { name: '  p99 latency', ours: [], floor: [], unit: 'ms', higherIsBetter: false },
    click: {
      name: `Teams button click, ${CONCURRENCY} concurrent`,
      ours: [],
      floor: [],
      unit: 'req/s',
      higherIsBetter: true,
    },
    slash: {
      name: `Slack slash ack, ${CONCURRENCY} concurrent (floor: bare Bolt app, ack only)`,
      ours: [],
      floor: [],
      unit: 'req/s',
      higherIsBetter: true,
    },
    slashP99: { name: '  p99 latency', ours: [], floor: [], unit: 'ms', higherIsBetter: false },
    slashAnswer: {
      name: `Slack slash commands answered, ${CONCURRENCY} concurrent (floor: Bolt app, ack + one chat.postMessage)`,
      ours: [],
      floor: [],
      unit: 'answers/s',
      higherIsBetter: true,
    },
    slashAnswerP99: {
      name: '  answer age p99 (command sent -> Slack has the answer)',
      ours: [],
      floor: [],
      unit: 'ms',
      higherIsBetter: false,
    },
    latency: {
      name: 'turn latency, connector 50 ms',
      ours: [],
      floor: [],
      unit: 'ms',
      higherIsBetter: false,
    },
    startup: {
      name: 'start-up to first 200',
      ours: [],
      floor: [],
      unit: 'ms',
      higherIsBetter: false,
    },
    firstAnswer: {
      name: 'start-up to first answered Teams message',
      ours: [],
      floor: [],
      unit: 'ms',
      higherIsBetter: false,
    },
  };
  const bare: number[] = [];
  const slashFate = {
    commands: [] as number[],
    answered: [] as number[],
    busy: [] as number[],
    late: [] as number[],
    ageP50: [] as number[],
    ageP99: [] as number[],
  };
  /** Light load, open loop: every command answered, none "busy". */
  const light = {
    sent: [] as number[],
    answered: [] as number[],
    busy: [] as number[],
    ageP99: [] as number[],
  };
  // WEB_CONCURRENCY: Teams messages with one worker (the rows above) vs two.
  const twoWorkers = { rps: [] as number[], startup: [] as number[] };
  const keep = (row: Row, which: 'ours' | 'floor', value: number) => row[which].push(value);

  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS} ...\n`);
    const order: Array<'ours' | 'floor'> = round % 2 ? ['ours', 'floor'] : ['floor', 'ours'];
    for (const which of order) {
      const teams = which === 'ours' ? sys.wuerror : sys.echo;
      fake.delayMs = 0;
      const firstRequest = () =>
        teamsActivity(fake, `bench-first-${round}-${which}`, { text: '0x8024001E' });
      await measure(
        () => teams({ firstRequest }),
        async (s) => {
          keep(rows.startup as Row, which, s.startupMs);
          keep(rows.firstAnswer as Row, which, s.firstAnswerMs ?? Number.NaN);
          // Conversations of this round and system only: each process starts with an empty
          // store, and a card left in the fake connector by an earlier process is one this
          // process does not know (a click on it is answered "older card", which costs
          // almost nothing and made the click row read 160%).
          const at = `${round}-${which}`;
          const m: LoadResult = await measured(s, (w) =>
            teamsActivity(fake, `bench-msg-${at}-${w}`, { text: '0x8024001E' }),
          );
          keep(rows.message as Row, which, m.rps);
          keep(rows.messageP99 as Row, which, m.p99);
          const c = await measured(s, (w) =>
            which === 'ours'
              ? nextClick(fake, `bench-click-${at}-${w}`)
              : executeClick(
                  fake,
                  `bench-click-${at}-${w}`,
                  { verb: 'wuerror', data: { wuerror: { type: 'move', move: 'human' } } },
                  'act-1',
                ),
          );
          keep(rows.click as Row, which, c.rps);
          fake.delayMs = 50;
          const l = await runLoad({
            baseUrl: s.url,
            concurrency: 1,
            durationMs: SECONDS * 1000,
            next: () => teamsActivity(fake, 'bench-latency', { text: '0x8024001E' }),
          });
          keep(rows.latency as Row, which, l.p50);
          fake.delayMs = 0;
          return 0;
        },
      );
      // The floors in the round's order too: [bare, answering] after wuerror, reversed before it.
      const floors = round % 2 ? [sys.bolt, sys.boltAnswer] : [sys.boltAnswer, sys.bolt];
      for (const slack of which === 'ours' ? [sys.wuerror] : floors) {
        const { r, answers } = await measure(slack, async (s) => {
          await warm(s, (w) => slashCommand(fakeSlack, w));
          // Let the warm-up's answers finish so they do not count in the measured run.
          await slashAnswers(fakeSlack, 1);
          // The warm-up's "busy" count, taken off the run's below.
          const busyBefore = which === 'ours' ? await busyCount(s) : 0;
          const first = counter + 1;
          const r = await load(s, (w) => slashCommand(fakeSlack, w));
          // Let the answers after the acknowledgement finish before the next system starts.
          const answers = await slashAnswers(fakeSlack, first);
          if (which === 'ours') {
            // What became of the acknowledged commands: answered (and how old the answer
            // was when Slack got it), told "busy" in the acknowledgement (the backlog full
            // or not draining), or told "busy" later (waited too long).
            slashFate.answered.push(answers.answered);
            slashFate.busy.push((await busyCount(s)) - busyBefore);
            slashFate.late.push(answers.late);
            slashFate.ageP50.push(answers.p50);
            slashFate.ageP99.push(answers.p99);
            slashFate.commands.push(r.requests);
          }
          return { r, answers };
        });
        // wuerror's run counts against both floors.
        const answering = slack === sys.boltAnswer;
        if (which === 'ours' || !answering) {
          keep(rows.slash as Row, which, r.rps);
          keep(rows.slashP99 as Row, which, r.p99);
        }
        if (which === 'ours' || answering) {
          // Answers per second of load (the answers still due when it stopped count too).
          keep(rows.slashAnswer as Row, which, answers.answered / SECONDS);
          keep(rows.slashAnswerP99 as Row, which, answers.p99);
        }
      }
    }
    await measure(sys.wuerror, async (s) => {
      const first = counter + 1;
      const r = await openLoop(s, fakeSlack, LIGHT_RATE, SECONDS);
      const answers = await slashAnswers(fakeSlack, first);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      light.sent.push(r.sent);
      light.answered.push(answers.answered);
      light.busy.push(metricValue(metrics, 'wuerror_busy_total', ''));
      light.ageP99.push(answers.p99);
      return 0;
    });
    await measure(sys.wuerror2, async (s) => {
      twoWorkers.startup.push(s.startupMs);
      const m = await load(s, (w) => teamsActivity(fake, `bench-w2-${w}`, { text: '0x8024001E' }));
      twoWorkers.rps.push(m.rps);
      return 0;
    });
    bare.push(
      await measure(
        sys.bare,
        async (s) => (await load(s, () => ({ path: '/', headers: {}, body: '{}' }))).rps,
      ),
    );
  }

  // Memory: after RSS_REQUESTS Teams messages, against the echo bot after the same.
  const rss = { ours: 0, floor: 0, oursIdle: 0, floorIdle: 0 };
  for (const which of ['ours', 'floor'] as const) {
    await measure(which === 'ours' ? sys.wuerror : sys.echo, async (s) => {
      rss[which === 'ours' ? 'oursIdle' : 'floorIdle'] = s.rssMb();
      await runLoad({
        baseUrl: s.url,
        concurrency: CONCURRENCY,
        durationMs: 600_000,
        maxRequests: RSS_REQUESTS,
        next: (w, i) =>
          teamsActivity(fake, `bench-rss-${w}-${i % 50}`, {
            text: i % 3 ? '0x8024001E' : 'updates fail behind our proxy',
          }),
      });
      rss[which] = s.rssMb();
      return 0;
    });
  }

  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
  console.log(`\nbench:http — ${ROUNDS} rounds x ${SECONDS} s, medians; node ${process.version}\n`);
  console.log('| path | wuerror | floor | wuerror / floor |');
  console.log('| --- | --- | --- | --- |');
  for (const row of Object.values(rows)) {
    const ours = median(row.ours);
    const floor = median(row.floor);
    const ratio = row.higherIsBetter
      ? `${Math.round((100 * ours) / floor)}%`
      : `${(ours / floor).toFixed(2)}x`;
    console.log(
      `| ${row.name} | ${fmt(ours)} ${row.unit} | ${fmt(floor)} ${row.unit} | ${ratio} |`,
    );
  }
  console.log(
    `| RSS after ${RSS_REQUESTS.toLocaleString('en-US')} Teams messages | ${fmt(rss.ours)} MB (idle ${fmt(rss.oursIdle)}) | echo: ${fmt(rss.floor)} MB (idle ${fmt(rss.floorIdle)}) | ${(rss.ours / rss.floor).toFixed(2)}x |`,
  );
  const oneRps = median(rows.message?.ours ?? []);
  const twoRps = median(twoWorkers.rps);
  console.log(
    `| WEB_CONCURRENCY=2, Teams message | ${fmt(twoRps)} req/s (start-up ${fmt(median(twoWorkers.startup))} ms) | 1 worker: ${fmt(oneRps)} req/s | ${(twoRps / oneRps).toFixed(2)}x |`,
  );
  const share = (n: number[]) => `${Math.round((100 * median(n)) / median(slashFate.commands))}%`;
  console.log(
    `\nslashFate: Slack slash commands acknowledged by wuerror per run, ${CONCURRENCY} concurrent (median ${fmt(median(slashFate.commands))}): answered ${share(slashFate.answered)} (answer age p50 ${fmt(median(slashFate.ageP50))} ms, p99 ${fmt(median(slashFate.ageP99))} ms from sending the command to Slack receiving the answer), told "busy" in the acknowledgement ${share(slashFate.busy)}, told "busy" after waiting too long ${share(slashFate.late)} (queue: ${process.env.WORK_CONCURRENCY ?? 16} running, ${process.env.WORK_QUEUE_LIMIT ?? 200} waiting).`,
  );
  console.log(
    `Slack light load, open loop at ${LIGHT_RATE} commands/s for ${SECONDS} s (per run, worst of ${ROUNDS}): sent ${Math.min(...light.sent)}, answered ${Math.min(...light.answered)}, told "busy" ${Math.max(...light.busy)}; answer age p99 ${fmt(Math.max(...light.ageP99))} ms.`,
  );
  console.log(
    `\nfloors: Teams = botbuilder echo bot; Slack = bare Bolt app (ack only) and Bolt's minimal answering bot (ack, then one chat.postMessage); bare Node http handler: ${fmt(median(bare))} req/s`,
  );
  console.log(
    '(Teams floor for clicks: the echo bot given the same adaptiveCard/action invoke; it posts one echo and answers the invoke with a card, as a botbuilder bot does.)',
  );
  await fake.close();
  fakeSlack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
