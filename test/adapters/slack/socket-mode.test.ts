/**
 * Socket Mode: with SLACK_APP_TOKEN set the app opens a WebSocket to Slack
 * instead of serving /slack/events. A local WebSocket server (ws) plays
 * Slack's side of the envelope protocol: apps.connections.open (at
 * SLACK_API_URL) hands out its address, it says hello, sends envelopes with
 * an envelope_id and expects each to be acknowledged with that id. The same
 * handlers answer as over HTTP.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { textOf } from '../../support/check-block-kit.js';
import {
  API_URL,
  CHANNEL,
  fixture,
  HOOKS,
  type Json,
  type SlackHarness,
  startSlackHarness,
  TEAM,
} from '../../support/slack-harness.js';

interface FakeSocketSlack {
  url: string;
  opens: Array<{ authorization: string | undefined }>;
  acks: Json[];
  /** Sends one envelope over the newest connection; resolves once it is acknowledged. */
  send(type: string, payload: Json): Promise<Json>;
  close(): Promise<void>;
}

async function startSocketSlack(): Promise<FakeSocketSlack> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  const sockets: WebSocket[] = [];
  const acks: Json[] = [];
  const waiting = new Map<string, (ack: Json) => void>();
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data));
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: {} }));
  });
  const opens: FakeSocketSlack['opens'] = [];
  nock(new URL(API_URL).origin)
    .persist()
    .post(`${new URL(API_URL).pathname}apps.connections.open`)
    .reply(function () {
      opens.push({ authorization: this.req.headers.authorization });
      return [200, { ok: true, url }];
    });
  let envelopes = 0;
  return {
    url,
    opens,
    acks,
    send(type, payload) {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('the app never connected');
      const envelopeId = `env-${++envelopes}`;
      const acked = new Promise<Json>((resolve) => waiting.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
        }),
      );
      return acked;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

let slack: SlackHarness;
let socket: FakeSocketSlack;

afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
  await socket.close();
});

async function start(): Promise<void> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  socket = await startSocketSlack();
  slack = await startSlackHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-A0APP0001-test' } });
}

describe('Slack Socket Mode', () => {
  it('connects through apps.connections.open at SLACK_API_URL with the app token', async () => {
    await start();
    expect(socket.opens).toEqual([{ authorization: 'Bearer xapp-1-A0APP0001-test' }]);
    // Nothing is served over HTTP in Socket Mode.
    expect((await fetch(`${slack.app.url}/slack/events`, { method: 'POST' })).status).toBe(404);
    expect(await (await fetch(`${slack.app.url}/healthz`)).json()).toMatchObject({
      slack: 'socket',
    });
  });

  it('acknowledges a slash command envelope and answers through its response_url', async () => {
    await start();
    const form = new URLSearchParams(
      readFileSync(
        join(import.meta.dirname, '..', '..', 'fixtures', 'slack', 'slash-command.form'),
        'utf8',
      ),
    );
    const responseUrl = `${HOOKS}/commands/${TEAM}/81142716/socket1`;
    form.set('response_url', responseUrl);
    form.set('text', '0x80070422');
    slack.expectResponseUrl(responseUrl, CHANNEL);
    const ack = await socket.send('slash_commands', Object.fromEntries(form));
    expect(ack).toMatchObject({ envelope_id: 'env-1' });
    await slack.handled(1);
    const answer = slack.messages.find((m) => /0x80070422/.test(m.text));
    expect(answer?.text).toMatch(/step 1 of 3/);
  });

  it('answers a channel message envelope in its thread, and a click on the answer', async () => {
    await start();
    const event = fixture('event-channel-message');
    event.event.text = 'PC-042: 0x80070422 again';
    const ack = await socket.send('events_api', event);
    expect(ack.envelope_id).toBe('env-1');
    await slack.handled(1);
    const root = event.event.ts as string;
    const step1 = slack.thread(root)[0];
    if (!step1) throw new Error('no answer');
    expect(step1.text).toMatch(/step 1 of 3/);

    await socket.send(
      'interactive',
      slack.clickPayload(step1.ts, 'No, still failing', fixture('block-actions'), 1),
    );
    await slack.handled(2);
    expect(textOf(slack.thread(root)[1] ?? {})).toMatch(/Step 2 of 3/);
  });

  it('takes a redelivered envelope of the same event once', async () => {
    await start();
    const event = fixture('event-channel-message');
    event.event.text = 'PC-042: 0x80070422 again';
    await socket.send('events_api', event);
    await slack.handled(1);
    await socket.send('events_api', event);
    await slack.waitForLog('SLACK_RETRY_IGNORED');
    expect(slack.thread(event.event.ts as string)).toHaveLength(1);
  });
});
