/**
 * Every line logged while a request is handled carries its `reqId`, the id
 * echoed in the response's X-Request-Id: refusals at the server and at each
 * adapter, what a Teams turn logs, and what a Slack request's work logs
 * after its acknowledgement. Lines outside any request carry none.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';
import { startSlackHarness } from '../support/slack-harness.js';
import { type Json, say, startTeamsHarness } from '../support/teams-harness.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
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

async function teamsWithLog(options: Parameters<typeof startTeamsHarness>[0] = {}) {
  const { lines, stream } = capture();
  const teams = await startTeamsHarness({ logger: createLogger('info', stream), ...options });
  closers.push(() => teams.close());
  return { teams, lines };
}

const withCode = (lines: Json[], code: string) => lines.filter((l) => l.code === code);

describe('request ids on log lines', () => {
  it('a Teams turn that logs a warning: the warning carries the request id', async () => {
    const { teams, lines } = await teamsWithLog({ env: { WUERROR_RATE_LIMIT_PER_USER: '1' } });
    await teams.post(say('0x80070422'));
    const limited = await teams.post(say('0x8024001E'), { 'x-request-id': 'limited-turn-1' });
    expect(limited.headers.get('x-request-id')).toBe('limited-turn-1');
    const [warning] = withCode(lines, 'RATE_LIMITED');
    expect(warning).toMatchObject({ level: 40, part: 'limits', reqId: 'limited-turn-1' });
  });

  it('a Teams turn that fails: its error and its turn line carry the request id', async () => {
    const { teams, lines } = await teamsWithLog({ failMessages: 5 });
    const response = await teams.post(say('0x80070422'));
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    const failed = withCode(lines, 'TURN_FAILED');
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed) expect(line).toMatchObject({ part: 'core', reqId: id });
    expect(lines.find((l) => l.msg === 'turn')).toMatchObject({ part: 'core', reqId: id });
  });

  it('a 400 (malformed JSON, a body that is not an activity) carries the request id', async () => {
    const { teams, lines } = await teamsWithLog();
    const malformed = await fetch(`${teams.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad-json-1' },
      body: '{"type":',
    });
    expect(malformed.status).toBe(400);
    expect(withCode(lines, 'HTTP_REJECTED')).toEqual([
      expect.objectContaining({ status: 400, reason: 'entity.parse.failed', reqId: 'bad-json-1' }),
    ]);
    const shapeless = await teams.post({ hello: 'world' }, { 'x-request-id': 'no-activity-1' });
    expect(shapeless.status).toBe(400);
    expect(withCode(lines, 'TEAMS_REJECTED')).toEqual([
      expect.objectContaining({ status: 400, part: 'teams', reqId: 'no-activity-1' }),
    ]);
    // Outside a request (start-up) there is no id.
    expect(lines.find((l) => l.msg === 'wuerror listening')).not.toHaveProperty('reqId');
  });

  it('a Slack command: its work after the acknowledgement logs with the request id', async () => {
    const slack = await startSlackHarness();
    closers.push(() => slack.close());
    const first = await slack.command('0x80070422');
    const second = await slack.command('0x8024001E');
    await slack.handled(2);
    const ids = [first, second].map((r) => r.headers.get('x-request-id'));
    expect(ids[0]).toMatch(/^[\w-]{8,}$/);
    expect(ids[1]).not.toBe(ids[0]);
    const handled = withCode(slack.logs, 'SLACK_HANDLED');
    expect(handled.map((l) => l.reqId).sort()).toEqual([...ids].sort());
    const turns = slack.logs.filter((l) => l.msg === 'turn');
    expect(turns.map((l) => l.reqId).sort()).toEqual([...ids].sort());
    for (const turn of turns) expect(turn.part).toBe('core');
  });

  it('a Slack request refused for its signature carries the request id', async () => {
    const slack = await startSlackHarness();
    closers.push(() => slack.close());
    const refused = await slack.send('command=%2Fwuerror', 'application/x-www-form-urlencoded', {
      'x-slack-signature': 'v0=00',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-request-id': 'unsigned-1',
    });
    expect(refused.status).toBe(401);
    expect(withCode(slack.logs, 'SLACK_REJECTED')).toEqual([
      expect.objectContaining({ status: 401, reqId: 'unsigned-1' }),
    ]);
  });
});
