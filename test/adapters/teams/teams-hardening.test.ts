/**
 * The Teams endpoint against hostile or broken peers: an anonymous server is
 * no open relay, malformed activities get a 400 with a short reason, an
 * unknown invoke the answer Teams expects, a replayed activity is processed
 * once, a connector that never answers cannot hold a turn past Teams' 15 s,
 * and one person cannot flood the bot.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { createSqliteStoreIn } from '../../../src/storage/sqlite-store.js';
import {
  cardText,
  fixture,
  type Json,
  say,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness.js';

let harness: TeamsHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('anonymous mode is not an open relay', () => {
  it('listens on loopback unless HOST says otherwise, and then says it is open', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({}).openAnonymous).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }).openAnonymous).toBe(true);
    const withCredentials = loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' });
    expect(withCredentials.host).toBe('0.0.0.0');
    expect(withCredentials.openAnonymous).toBe(false);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5:8080/',
    'https://internal.corp.example/',
    'http://0.0.0.0:3978/',
    'https://smba.trafficmanager.net.evil.example/',
  ])('refuses to reply to %s (403, no outbound call)', async (serviceUrl) => {
    let outbound = 0;
    // Requests no interceptor took, except the test's own to the bot on loopback.
    const count = (request: { hostname?: string; options?: { hostname?: string } }) => {
      if ((request.options?.hostname ?? request.hostname) !== '127.0.0.1') outbound++;
    };
    nock.emitter.on('no match', count);
    harness = await startTeamsHarness();
    const activity = say('0x8024001E');
    activity.serviceUrl = serviceUrl;
    const response = await harness.post(activity);
    nock.emitter.removeListener('no match', count);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'serviceUrl not allowed' });
    expect(harness.sent).toEqual([]);
    expect(outbound).toBe(0);
  });

  it('replies to an allow-listed service URL (the harness names the Teams one)', async () => {
    harness = await startTeamsHarness();
    expect((await harness.post(say('0x8024001E'))).status).toBe(200);
    expect(harness.cards()).toHaveLength(1);
  });
});

describe('malformed activities', () => {
  const base = () => say('0x8024001E');
  const cases: Array<[string, () => unknown]> = [
    ['an empty object', () => ({})],
    ['an array', () => [base()]],
    ['a JSON string', () => 'hello'],
    ['null', () => null],
    ['no type', () => ({ ...base(), type: undefined })],
    ['a numeric type', () => ({ ...base(), type: 7 })],
    ['an object type', () => ({ ...base(), type: { $gt: '' } })],
    ['a numeric serviceUrl', () => ({ ...base(), serviceUrl: 12 })],
    ['a serviceUrl that is no URL', () => ({ ...base(), serviceUrl: 'not a url' })],
    ['a file: serviceUrl', () => ({ ...base(), serviceUrl: 'file:///etc/passwd' })],
    ['no conversation', () => ({ ...base(), conversation: undefined })],
    ['a conversation without id', () => ({ ...base(), conversation: {} })],
    ['a numeric from.id', () => ({ ...base(), from: { id: 5 } })],
    ['a numeric text', () => ({ ...base(), text: 42 })],
  ];
  it.each(cases)('answers %s with 400 and a short reason', async (_name, body) => {
    harness ??= await startTeamsHarness();
    const response = await fetch(`${harness.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string };
    // express reads only objects and arrays as JSON (strict): a bare string or null is malformed.
    expect(answer.error).toMatch(
      /^(invalid activity: [\w.]+|the body is not a JSON object|malformed JSON)$/,
    );
    expect(harness.sent).toEqual([]);
  });

  it('answers broken JSON and a body over 1 MB with a short 4xx', async () => {
    harness = await startTeamsHarness();
    const post = (body: string) =>
      fetch(`${harness?.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const broken = await post('{"type": "message",');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'malformed JSON' });
    const huge = await post(JSON.stringify({ ...say('x'), text: 'a'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'body too large' });
  });
});

describe('invoke activities', () => {
  it('answers an unknown invoke with 200 and an empty invoke response, not 501', async () => {
    harness = await startTeamsHarness();
    const activity = { ...say(''), type: 'invoke', name: 'composeExtension/query', value: {} };
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(harness.sent).toEqual([]);
  });
});

describe('replays', () => {
  it('processes an activity posted three times once: the flow moves one step, not three', async () => {
    harness = await startTeamsHarness();
    await harness.post(say('0x8024001E'));
    const first = harness.cards()[0];
    if (!first) throw new Error('no first card');
    const activity: Json = fixture('personal-message');
    activity.id = 'replayed-activity-1';
    activity.text = "didn't help";
    for (let i = 0; i < 3; i++) expect((await harness.post(activity)).status).toBe(200);
    const cards = harness.cards();
    expect(cards).toHaveLength(2);
    expect(cardText(cards[1]?.card)).toMatch(/Step 2 of/);
  });

  it('keeps the claim in the store, so a restart does not process the replay again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-replay-'));
    try {
      const activity = say('0x8024001E');
      harness = await startTeamsHarness({ store: createSqliteStoreIn(dir) });
      await harness.post(activity);
      expect(harness.cards()).toHaveLength(1);
      await harness.close();
      harness = await startTeamsHarness({ store: createSqliteStoreIn(dir) });
      expect((await harness.post(activity)).status).toBe(200);
      expect(harness.cards()).toEqual([]);
      // A new activity still gets its answer: only the replay was dropped.
      await harness.post(say('0x8024001E'));
      expect(harness.cards()).toHaveLength(1);
    } finally {
      await harness?.close();
      harness = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a connector that never answers', () => {
  let silent: Server | undefined;
  afterEach(() => {
    silent?.close();
  });

  it('cannot hold the turn: Teams gets its answer within 15 s', async () => {
    // Accepts connections and never writes a byte.
    const sockets: import('node:net').Socket[] = [];
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    harness = await startTeamsHarness();
    const activity = say('0x8024001E');
    activity.serviceUrl = `http://127.0.0.1:${port}/`;
    const started = performance.now();
    const response = await harness.post(activity);
    const seconds = (performance.now() - started) / 1000;
    expect(response.status).toBe(200);
    expect(seconds).toBeLessThan(15);
    expect(sockets.length).toBeGreaterThan(0);
    for (const socket of sockets) socket.destroy();
  }, 30_000);
});

describe('a turn that fails', () => {
  it('is logged once with its code and the activity id, and Teams still gets its 200', async () => {
    const lines: Array<Record<string, unknown>> = [];
    let broken = false;
    harness = await startTeamsHarness({
      logger: createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) }),
      // The turn reads the clock first: a clock that throws fails the turn itself.
      now: () => {
        if (broken) throw new Error('clock broke');
        return new Date('2026-11-22T09:05:00Z');
      },
    });
    const activity = say('0x8024001E');
    broken = true;
    const response = await harness.post(activity);
    broken = false;
    expect(response.status).toBe(200);
    const failed = lines.filter((l) => l.code === 'TEAMS_TURN_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.activityId).toBe(activity.id);
    expect(harness.sent).toEqual([]);
    // The next turn runs as usual.
    expect((await harness.post(say('0x8024001E'))).status).toBe(200);
    expect(harness.cards().length).toBeGreaterThan(0);
  });
});

describe('rate limits', () => {
  it('answers a person over the limit once with a friendly note, then stays quiet', async () => {
    harness = await startTeamsHarness({
      env: { WUERROR_RATE_LIMIT_PER_USER: '3', WUERROR_RATE_LIMIT_PER_CONVERSATION: '100' },
    });
    for (let i = 0; i < 6; i++) expect((await harness.post(say('0x8024001E'))).status).toBe(200);
    const texts = harness.cards().map((c) => cardText(c.card));
    expect(texts).toHaveLength(4);
    expect(texts[3]).toMatch(/a lot of messages at once/);
  });

  it('answers a flood of requests from one client with 429 before reading them', async () => {
    harness = await startTeamsHarness({ env: { WUERROR_HTTP_RATE_LIMIT: '5' } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await harness.post({})).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const health = await fetch(`${harness.app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('counts the forwarded client behind a trusted proxy, not the proxy', async () => {
    harness = await startTeamsHarness({
      env: { WUERROR_HTTP_RATE_LIMIT: '2', WUERROR_TRUST_PROXY: 'loopback' },
    });
    const from = async (ip: string) => (await harness?.post({}, { 'x-forwarded-for': ip }))?.status;
    expect([
      await from('203.0.113.1'),
      await from('203.0.113.1'),
      await from('203.0.113.1'),
    ]).toEqual([400, 400, 429]);
    expect(await from('203.0.113.2')).toBe(400);
  });
});
