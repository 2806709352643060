/**
 * With Bot Framework credentials set, every request must carry a token
 * signed by a key the Bot Framework publishes. The keys here are our own,
 * served from a local OpenID endpoint; each forgery gets a 401 with a short
 * reason, nothing of it reaches the core or the connector, and an
 * unreachable key endpoint is a 503 that names no internal address.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';
import { routeConsole } from '../../../src/logging/route-console.js';
import {
  type KeyServer,
  publicCloudWith,
  signToken,
  startKeyServer,
  type TokenOptions,
} from '../../support/bot-framework-keys.js';
import {
  fixture,
  type Json,
  SERVICE_URL,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness.js';

const APP_ID = '5d1f8c2e-7a3b-4c9d-8e1f-2a3b4c5d6e7f';
const CREDENTIALS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' };

/** Every JSON line the app and the routed console wrote. */
const lines: Array<Record<string, unknown>> = [];
const sink = { write: (line: string) => lines.push(JSON.parse(line)) };
let restoreConsole: () => void;

let keys: KeyServer;
let harness: TeamsHarness;
let unmatched = 0;
/** Requests nock saw that no interceptor took, except the local key server's. */
const countUnmatched = (request: { hostname?: string; options?: { hostname?: string } }) => {
  const host = request.options?.hostname ?? request.hostname ?? '';
  if (host !== '127.0.0.1') unmatched++;
};

beforeAll(async () => {
  keys = await startKeyServer();
  restoreConsole = routeConsole(createLogger('debug', sink));
  harness = await startTeamsHarness({
    logger: createLogger('info', sink),
    env: CREDENTIALS,
    teamsAuthOverrides: publicCloudWith(keys.metadataUrl),
  });
  nock.emitter.on('no match', countUnmatched);
});
afterAll(async () => {
  nock.emitter.removeListener('no match', countUnmatched);
  restoreConsole();
  await harness.close();
  await keys.close();
});

const message = (): Json => {
  const activity = fixture('personal-message');
  activity.id = `forged-${Math.random().toString(36).slice(2)}`;
  return activity;
};
const bearer = (options: Partial<TokenOptions> = {}) => ({
  authorization: `Bearer ${signToken(keys, { appId: APP_ID, serviceUrl: SERVICE_URL, ...options })}`,
});

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const FORGERIES: Array<[string, () => Record<string, string>]> = [
  ['no Authorization header', () => ({})],
  ['a Basic header', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
  ['a bearer that is not a JWT', () => ({ authorization: 'Bearer not.a.jwt' })],
  ['an empty bearer', () => ({ authorization: 'Bearer ' })],
  ['a spoofed key id (unknown kid)', () => bearer({ kid: 'attacker-key', key: otherKey })],
  ['our kid, signed with another key', () => bearer({ key: otherKey })],
  ['alg none', () => bearer({ alg: 'none' })],
  ['HS256 with the public key as secret', () => bearer({ alg: 'HS256' })],
  ['HS256 with a guessed secret', () => bearer({ alg: 'HS256', hmacSecret: 'secret' })],
  ['not yet valid (nbf in an hour)', () => bearer({ notBefore: 3600, issuedAt: 3600 })],
  ['expired an hour ago', () => bearer({ expiresIn: -3600, issuedAt: -7200, notBefore: -7200 })],
  ['the wrong audience', () => bearer({ audience: 'some-other-bot' })],
  ['the wrong issuer', () => bearer({ issuer: 'https://evil.example' })],
  ['a serviceurl claim for another host', () => bearer({ serviceUrl: 'https://evil.example/' })],
];

describe('forged Bot Framework tokens (credentials set)', () => {
  it.each(FORGERIES)('refuses %s with 401 and a short reason', async (_name, headers) => {
    const sentBefore = harness.sent.length;
    const response = await harness.post(message(), headers());
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body).toEqual({ error: 'unauthorized' });
    expect(harness.sent.length).toBe(sentBefore);
  });

  it('refuses a button click (an adaptiveCard/action invoke) without a valid token, before any turn', async () => {
    const click = fixture('card-execute');
    click.value.action.data = { wuerror: { type: 'move', move: 'human' } };
    const response = await harness.post(click, bearer({ audience: 'some-other-bot' }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });

  it('lets a correctly signed token through (an invoke: answered 200 with an empty invoke response)', async () => {
    const activity = { ...message(), type: 'invoke', name: 'some/unknownInvoke', value: {} };
    const response = await harness.post(activity, bearer());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(keys.fetches).toBeGreaterThan(0);
  });

  it('made no outbound call for any refused request', () => {
    expect(harness.sent).toEqual([]);
    expect(unmatched).toBe(0);
  });

  it("logged one line with a code per refusal, and botbuilder's console output only as scrubbed debug lines", () => {
    const refusals = lines.filter((l) => l.code === 'TEAMS_REJECTED');
    expect(refusals).toHaveLength(FORGERIES.length + 1);
    expect(refusals.every((l) => l.level === 30 && l.status === 401)).toBe(true);
    const routed = lines.filter((l) => l.code === 'BOTBUILDER_LOG');
    expect(routed.length).toBeGreaterThan(0);
    expect(routed.every((l) => l.level === 20)).toBe(true);
    const all = JSON.stringify(lines);
    expect(all).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(all).not.toContain('BEGIN RSA PUBLIC KEY');
    expect(all).not.toContain('not-a-real-password');
  });
});

describe('an unreachable key endpoint', () => {
  it('is a 503 that names no internal address, and a valid-looking token is not let through', async () => {
    const gone = await startKeyServer();
    const url = gone.metadataUrl;
    await gone.close();
    const h = await startTeamsHarness({
      env: CREDENTIALS,
      teamsAuthOverrides: publicCloudWith(url),
    });
    try {
      const response = await h.post(message(), bearer());
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|openid|http/i);
      expect(h.sent).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
