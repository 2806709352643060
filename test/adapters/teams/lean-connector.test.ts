import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppCredentials, ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectorCallError,
  type ConnectorClientLike,
  useLeanCalls,
} from '../../../src/adapters/teams/lean-connector.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A connector on loopback that records every call; `answers` scripts the next statuses. */
let server: Server;
let base: string;
let received: Received[] = [];
let answers: Array<{
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      const next = answers.shift() ?? { status: 200, body: { id: `act-${received.length}` } };
      if (next.hang) return;
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A service URL with a path, as Teams gives them (https://smba.trafficmanager.net/emea/).
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/emea/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  answers = [];
});

const APP_ID = '00000000-0000-4000-8000-00000000b07a';

/** Credentials that sign with a token already in botbuilder's own cache (no login call). */
function signedCredentials(): MicrosoftAppCredentials {
  const credentials = new MicrosoftAppCredentials(APP_ID, 'not-a-real-password');
  const key = (credentials as unknown as { tokenCacheKey: string }).tokenCacheKey;
  (AppCredentials as unknown as { cache: Map<string, unknown> }).cache.set(key, {
    accessToken: 'cached-token',
    expiresOn: new Date(Date.now() + 3_600_000),
  });
  return credentials;
}

const client = (credentials = signedCredentials()) =>
  new ConnectorClient(credentials, { baseUri: base, userAgent: 'wuerror-test' });

type Sent = Parameters<ConnectorClient['conversations']['sendToConversation']>[1];

const newActivity = () => ({
  type: 'message',
  summary: 'Windows Update error 0x8024001E',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Ä \\*' }],
      },
    },
  ],
  conversation: { id: 'a:1Xy/z?=&', conversationType: 'personal', tenantId: 't' },
  from: { id: '28:bot', name: 'wuerror' },
  recipient: { id: '29:user', name: 'Ann', aadObjectId: '00000000-0000-4000-8000-000000000001' },
  replyToId: 'f:123#4',
  serviceUrl: base,
  channelId: 'msteams',
  locale: 'en-US',
});
let activity: Sent;
beforeEach(() => {
  activity = newActivity() as unknown as Sent;
});

const lean = (c: ConnectorClient, timeoutMs?: number): ConnectorClient => {
  useLeanCalls(c as unknown as ConnectorClientLike, timeoutMs ? { timeoutMs } : {});
  return c;
};

/** What the connector sees of a call: all that botbuilder's client sends, minus its own bookkeeping. */
const seen = (r: Received) => ({
  method: r.method,
  url: r.url,
  body: r.body,
  authorization: r.headers.authorization,
  conversationHeader: r.headers['x-ms-conversation-id'],
  contentType: r.headers['content-type'],
  // botbuilder's client adds its HTTP library's own name and version; the rest is the same.
  userAgent: r.headers['user-agent']?.replace(/ core-rest-pipeline\/\S+/, ''),
});

describe('lean connector calls', () => {
  it('send what botbuilder sends: URL, token, headers and body, for a reply, a post and an update', async () => {
    const through = client();
    const replies = [
      await through.conversations.replyToActivity('a:1Xy/z?=&', 'f:123#4', activity),
      await through.conversations.sendToConversation('a:1Xy/z?=&', activity),
      await through.conversations.updateActivity('a:1Xy/z?=&', 'f:123#4', activity),
    ];
    const botbuilder = received.map(seen);
    received = [];

    const plain = lean(client());
    const ours = [
      await plain.conversations.replyToActivity('a:1Xy/z?=&', 'f:123#4', activity),
      await plain.conversations.sendToConversation('a:1Xy/z?=&', activity),
      await plain.conversations.updateActivity('a:1Xy/z?=&', 'f:123#4', activity),
    ];
    expect(received.map(seen)).toEqual(botbuilder);
    expect(botbuilder[0]).toMatchObject({
      method: 'POST',
      url: '/emea/v3/conversations/a%3A1Xy%2Fz%3F%3D%26/activities/f%3A123%234',
      authorization: 'Bearer cached-token',
      conversationHeader: 'a:1Xy/z?=&',
      body: activity,
    });
    expect(botbuilder[0]?.userAgent).toContain('wuerror-test');
    expect(ours.map((r) => r.id)).toEqual(['act-1', 'act-2', 'act-3']);
    expect(replies.map((r) => r.id)).toEqual(['act-1', 'act-2', 'act-3']);
  });

  it('sends no token in anonymous local mode, as botbuilder does', async () => {
    const anonymous = lean(client(new MicrosoftAppCredentials('', '')));
    await anonymous.conversations.sendToConversation('c1', activity);
    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  it('rejects a refused call with its status and the connector error code, naming no URL', async () => {
    answers = [{ status: 400, body: { error: { code: 'BadArgument', message: 'no' } } }];
    const error = await lean(client())
      .conversations.sendToConversation('c1', activity)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorCallError);
    expect(error).toMatchObject({ statusCode: 400, code: 'BadArgument' });
    expect(String((error as Error).message)).not.toMatch(/127\.0\.0\.1|http|token/);
    expect(received).toHaveLength(1);
  });

  it('tries a throttled call again after Retry-After, and a server error not at all', async () => {
    answers = [{ status: 429, headers: { 'retry-after': '0' } }];
    const reply = await lean(client()).conversations.sendToConversation('c1', activity);
    expect(reply.id).toBe('act-2');
    expect(received).toHaveLength(2);

    received = [];
    answers = [{ status: 500 }];
    await expect(
      lean(client()).conversations.sendToConversation('c1', activity),
    ).rejects.toMatchObject({ statusCode: 500 });
    expect(received).toHaveLength(1);
  });

  it('refuses an answer far larger than any connector gives, without keeping it', async () => {
    answers = [{ status: 200, body: { id: 'x', padding: 'y'.repeat(2 * 1024 * 1024) } }];
    await expect(
      lean(client()).conversations.sendToConversation('c1', activity),
    ).rejects.toBeInstanceOf(ConnectorCallError);
  });

  it('gives up on a connector that does not answer within the time limit', async () => {
    answers = [{ status: 200, hang: true }];
    const started = performance.now();
    await expect(
      lean(client(), 150).conversations.sendToConversation('c1', activity),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
