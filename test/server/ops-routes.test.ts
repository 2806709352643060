import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';
import { type Json, say, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

let teams: TeamsHarness;
afterEach(async () => {
  await teams.close();
});

function capture(): { lines: Json[]; stream: Writable } {
  const lines: Json[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const metricValue = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
};

describe('/metrics', () => {
  it('counts turns by platform and outcome, flows, no-matches, and times turns', async () => {
    teams = await startTeamsHarness();
    await teams.post(say('0x80070422'));
    // In another conversation (in the first one, with a flow open, it would be a reprompt).
    const other = say('my coffee machine is sad');
    other.conversation.id = 'a:another-conversation';
    await teams.post(other);
    const response = await fetch(`${teams.app.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(metricValue(text, 'wuerror_turns_total{platform="teams",outcome="answered"}')).toBe(2);
    expect(metricValue(text, 'wuerror_turns_total{platform="teams",outcome="failed"}')).toBe(0);
    expect(metricValue(text, 'wuerror_flows_total{event="started"}')).toBe(1);
    expect(metricValue(text, 'wuerror_flows_total{event="fixed"}')).toBe(0);
    expect(metricValue(text, 'wuerror_resolver_no_match_total')).toBe(1);
    expect(metricValue(text, 'wuerror_turn_duration_seconds_count{platform="teams"}')).toBe(2);
    for (const name of [
      'wuerror_rate_limited_total',
      'wuerror_dedupe_hits_total',
      'wuerror_store_errors_total',
      'wuerror_busy_total',
      'wuerror_deferred_work',
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });
});

describe('/readyz', () => {
  it('is ready while the store answers, and not once the store fails', async () => {
    let broken = false;
    const { createMemoryStore } = await import('../../src/storage/memory-store.js');
    const store = createMemoryStore();
    const ping = store.ping.bind(store);
    store.ping = async () => {
      if (broken) throw new Error('down');
      await ping();
    };
    teams = await startTeamsHarness({ store });
    expect((await fetch(`${teams.app.url}/readyz`)).status).toBe(200);
    broken = true;
    const down = await fetch(`${teams.app.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'not ready' });
  });
});

describe('request ids', () => {
  it('puts the request id on every log line of a request and echoes it back', async () => {
    const { lines, stream } = capture();
    teams = await startTeamsHarness({ logger: createLogger('info', stream) });
    const response = await teams.post(say('0x80070422'), { 'x-request-id': 'req-abc-123' });
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    const turn = lines.find((l) => l.msg === 'turn');
    expect(turn?.reqId).toBe('req-abc-123');

    const second = await teams.post(say('0x8024001E'));
    const id = second.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect(id).not.toBe('req-abc-123');
    expect(lines.filter((l) => l.msg === 'turn').map((l) => l.reqId)).toEqual(['req-abc-123', id]);
    // Outside a request (start-up) there is no id.
    expect(lines.find((l) => l.msg === 'wuerror listening')?.reqId).toBeUndefined();
  });
});

describe('metrics from log codes', () => {
  it('counts rate limits and dropped replays from the log lines that report them', async () => {
    const { createMetrics } = await import('../../src/observability/metrics.js');
    const metrics = createMetrics();
    const log = metrics.countCodes(createLogger('silent')).child({ part: 'limits' });
    log.warn({ code: 'RATE_LIMITED' }, 'too many turns');
    log.child({ part: 'deeper' }).info({ code: 'HTTP_RATE_LIMITED' }, 'too many requests');
    log.info({ code: 'TEAMS_REPLAY_IGNORED' }, 'replay');
    log.info({ code: 'SOMETHING_ELSE' }, 'not counted');
    log.info('no fields');
    const text = await metrics.registry.metrics();
    expect(metricValue(text, 'wuerror_rate_limited_total{scope="turn"}')).toBe(1);
    expect(metricValue(text, 'wuerror_rate_limited_total{scope="http"}')).toBe(1);
    expect(metricValue(text, 'wuerror_dedupe_hits_total{platform="teams"}')).toBe(1);
  });
});

describe('/metrics routing', () => {
  it('answers GET and HEAD on /metrics as a Router would (trailing slash, any case), and passes the rest on', async () => {
    const { default: express } = await import('express');
    const { opsRoutes } = await import('../../src/server/ops-routes.js');
    const app = express();
    app.use(opsRoutes({ metrics: async () => ({ contentType: 'text/plain', body: 'm 1\n' }) }));
    app.use((_req, res) => {
      res.status(404).end();
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const status = async (path: string, method = 'GET') =>
        (await fetch(`${url}${path}`, { method })).status;
      expect(await (await fetch(`${url}/metrics`)).text()).toBe('m 1\n');
      expect(await status('/metrics/')).toBe(200);
      expect(await status('/METRICS')).toBe(200);
      expect(await status('/metrics?x=1')).toBe(200);
      expect(await status('/metrics', 'HEAD')).toBe(200);
      expect(await status('/metrics', 'POST')).toBe(404);
      expect(await status('/metricsx')).toBe(404);
      expect(await status('/metrics/x')).toBe(404);
    } finally {
      server.close();
    }
  });
});
