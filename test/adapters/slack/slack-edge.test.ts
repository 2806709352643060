/**
 * The edge in front of Bolt (check-slack-body.ts): a signed slash command the
 * work queue would turn away is answered "busy" without entering Bolt, with
 * the bytes Bolt's own `ack(busyNote)` sends; anything unsigned is still 401,
 * and everything else still goes to Bolt.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_ACK } from '../../../src/adapters/slack/busy-ack.js';
import { checkSlackBody } from '../../../src/adapters/slack/check-slack-body.js';
import { signSlackRequest } from '../../support/sign-slack.js';
import {
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';

const FORM = 'application/x-www-form-urlencoded';
const SLASH_COMMAND = '/wuerror';
const commandBody = (n: number) =>
  new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: 'T0TEAM001',
    team_domain: 'contoso',
    channel_id: 'C0HELPDSK',
    channel_name: 'helpdesk',
    user_id: 'U0ALEX001',
    user_name: 'alex',
    command: SLASH_COMMAND,
    text: '0x8024001E',
    api_app_id: 'A0APP0001',
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/T0TEAM001/81142716${n}/edge${n}`,
    trigger_id: `8114271649${n}.7391830115.edge${n}`,
  }).toString();

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/slack/events`,
      { method: 'POST', headers: { 'content-type': FORM, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const servers: Array<{ close(): void }> = [];
async function serve(app: { listen: express.Express['listen'] }): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  child: () => quiet,
  level: 'silent',
};

/** Our gate with a queue that turns everything away; `entered` counts requests that reached Bolt. */
async function edgeServer(turnAway: () => string) {
  let entered = 0;
  const app = express();
  app.use(
    '/slack/events',
    checkSlackBody({
      signingSecret: SIGNING_SECRET,
      command: SLASH_COMMAND,
      logger: quiet,
      handle: async (_req, res) => {
        entered++;
        res.writeHead(200);
        res.end();
      },
      setup: (_req, res) => res.status(418).end(),
      turnAway,
      busyAck: BUSY_ACK,
    }),
  );
  return { url: await serve(app), entered: () => entered };
}

/** Bolt's own receiver and a command listener that acknowledges with the busy note. */
async function boltServer() {
  const receiver = new ExpressReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
  });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B0WUBOT01', botUserId: 'U0WUBOT01' }),
    logLevel: LogLevel.ERROR,
  });
  app.command(SLASH_COMMAND, async ({ ack }) => {
    await ack(BUSY_ACK);
  });
  return serve(receiver.app);
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('the edge: "busy" before Bolt', () => {
  it("answers a signed command the queue would turn away with Bolt's ack(busyNote) bytes, without Bolt", async () => {
    const edge = await edgeServer(() => 'full');
    const boltUrl = await boltServer();
    const body = commandBody(1);
    const headers = signSlackRequest(SIGNING_SECRET, body);
    const ours = await post(edge.url, body, headers);
    const theirs = await post(boltUrl, body, headers);
    expect(edge.entered()).toBe(0);
    expect(ours.status).toBe(200);
    expect(ours.status).toBe(theirs.status);
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    expect(ours.headers['content-length']).toBe(theirs.headers['content-length']);
    expect(ours.body.equals(theirs.body)).toBe(true);
    expect(JSON.parse(ours.body.toString())).toEqual(BUSY_ACK);
  });

  it('lets a command the queue would take, and anything that is not a command, into Bolt', async () => {
    const verdicts: string[] = [];
    const edge = await edgeServer(() => {
      verdicts.push('asked');
      return 'taken';
    });
    const body = commandBody(2);
    const taken = await post(edge.url, body, signSlackRequest(SIGNING_SECRET, body));
    expect(taken.body.length).toBe(0);
    expect(edge.entered()).toBe(1);
    // A click is never turned away at the edge, whatever the queue says.
    const full = await edgeServer(() => 'full');
    const click = `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [] }))}`;
    const res = await post(full.url, click, signSlackRequest(SIGNING_SECRET, click));
    expect(res.status).toBe(200);
    expect(full.entered()).toBe(1);
    expect(verdicts).toEqual(['asked']);
  });

  it('checks the signature first: unsigned or wrongly signed commands are 401 and the queue is not asked', async () => {
    let asked = 0;
    const edge = await edgeServer(() => {
      asked++;
      return 'full';
    });
    const body = commandBody(3);
    const wrong = await post(edge.url, body, signSlackRequest('not-the-signing-secret', body));
    const none = await post(edge.url, body, {});
    const stale = await post(
      edge.url,
      body,
      signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60),
    );
    const changed = await post(
      edge.url,
      body.replace('0x8024001E', '0x80070422'),
      signSlackRequest(SIGNING_SECRET, body),
    );
    expect([wrong.status, none.status, stale.status, changed.status]).toEqual([401, 401, 401, 401]);
    expect(asked).toBe(0);
    expect(edge.entered()).toBe(0);
  });

  it('reads a body that arrives in several pieces whole, and passes one cut short on as an aborted request', async () => {
    const edge = await edgeServer(() => 'full');
    const body = commandBody(4);
    const headers = signSlackRequest(SIGNING_SECRET, body);
    // Three writes with pauses between them: the signature holds only over the whole body.
    const pieces = await new Promise<Raw>((resolve, reject) => {
      const req = request(
        `${edge.url}/slack/events`,
        {
          method: 'POST',
          headers: { 'content-type': FORM, 'content-length': String(body.length), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      const third = Math.floor(body.length / 3);
      req.write(body.slice(0, third));
      setTimeout(() => req.write(body.slice(third, 2 * third)), 20);
      setTimeout(() => req.end(body.slice(2 * third)), 40);
    });
    expect(pieces.status).toBe(200);
    expect(JSON.parse(pieces.body.toString())).toEqual(BUSY_ACK);

    // A body cut short (the client goes away before Content-Length bytes): express.raw's error.
    const errors: string[] = [];
    let entered = 0;
    const app = express();
    app.use(
      '/slack/events',
      checkSlackBody({
        signingSecret: SIGNING_SECRET,
        command: SLASH_COMMAND,
        logger: quiet,
        handle: async (_req, res) => {
          entered++;
          res.end();
        },
        setup: (_req, res) => res.status(418).end(),
      }),
    );
    app.use(
      (error: { type?: string }, _req: express.Request, res: express.Response, _next: unknown) => {
        errors.push(error.type ?? 'none');
        res.status(400).end();
      },
    );
    const url = await serve(app);
    await new Promise<void>((resolve) => {
      const req = request(`${url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM, 'content-length': String(body.length + 100), ...headers },
      });
      req.on('error', () => resolve());
      req.write(body);
      setTimeout(() => req.destroy(), 30);
    });
    for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual(['request.aborted']);
    expect(entered).toBe(0);
  });
});

describe('the edge in the app', () => {
  let slack: SlackHarness;
  afterEach(async () => {
    expect(slack.problems).toEqual([]);
    await slack.close();
  });

  it('a full queue: a signed command is told "busy" in its acknowledgement and counted; no Slack call; unsigned still 401', async () => {
    slack = await startSlackHarness({
      // Each answer (a chat.postMessage in the channel) takes this long.
      apiDelayMs: 400,
      env: { WORK_CONCURRENCY: '1', WORK_QUEUE_LIMIT: '1' },
    });
    // One running, one waiting (each acknowledged before the next is sent).
    for (const code of ['0x80070422', '0x8024001E']) {
      const ack = await slack.command(code);
      expect(await ack.text()).toBe('');
    }
    const busy = await slack.command('0x80070422');
    expect(busy.status).toBe(200);
    expect(busy.headers.get('content-type')).toBe('application/json');
    expect(await busy.json()).toEqual(BUSY_ACK);
    const body = commandBody(9);
    const unsigned = await slack.send(body, FORM, signSlackRequest('not-the-signing-secret', body));
    expect(unsigned.status).toBe(401);
    const metrics = await (await fetch(`${slack.app.url}/metrics`)).text();
    expect(metrics).toMatch(/wuerror_busy_total\{reason="full"\} 1\n/);
    await slack.handled(2);
    // Two answers, and no "busy" sent to Slack: it rode in the acknowledgement.
    expect(slack.calls.filter((c) => /busy right now/.test(JSON.stringify(c.body)))).toHaveLength(
      0,
    );
  });
});
