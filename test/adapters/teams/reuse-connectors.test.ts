/**
 * One ConnectorClient per connector instead of one per turn: kept-alive
 * connections and one token cache, with authentication unchanged.
 */
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReusingBotFrameworkAuthentication } from '../../../src/adapters/teams/reuse-connectors.js';
import {
  type KeyServer,
  publicCloudWith,
  signToken,
  startKeyServer,
} from '../../support/bot-framework-keys.js';

const activity = (serviceUrl: string) =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'b1' },
  }) as Activity;

async function clientFor(auth: ReusingBotFrameworkAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory?.create(serviceUrl, result.audience);
}

describe('ReusingBotFrameworkAuthentication', () => {
  it('hands every turn on one connector the same client, and another connector its own', async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    const first = await clientFor(auth, 'https://smba.trafficmanager.net/emea/');
    const second = await clientFor(auth, 'https://smba.trafficmanager.net/emea/');
    const other = await clientFor(auth, 'https://smba.trafficmanager.net/amer/');
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect((other as unknown as { baseUri: string }).baseUri).toBe(
      'https://smba.trafficmanager.net/amer/',
    );
    expect(auth.size).toBe(2);
  });

  it('makes the turn calls plain requests when asked (lean), and leaves them to botbuilder otherwise', async () => {
    const own = (client: unknown) =>
      Object.keys((client as { conversations: object }).conversations).sort();
    const lean = new ReusingBotFrameworkAuthentication({}, undefined, { lean: true });
    expect(own(await clientFor(lean, 'https://smba.trafficmanager.net/emea/'))).toEqual(
      expect.arrayContaining(['replyToActivity', 'sendToConversation', 'updateActivity']),
    );
    const plain = new ReusingBotFrameworkAuthentication({});
    expect(own(await clientFor(plain, 'https://smba.trafficmanager.net/emea/'))).not.toContain(
      'replyToActivity',
    );
  });

  it('keeps one user-token client per bot id', async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    const claims = (await auth.authenticateRequest(activity('https://x.example/'), ''))
      .claimsIdentity;
    const first = await auth.createUserTokenClient(claims);
    expect(await auth.createUserTokenClient(claims)).toBe(first);
  });

  it('still refuses a request without a token once an app id is configured', async () => {
    const auth = new ReusingBotFrameworkAuthentication({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000002',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    await expect(auth.authenticateRequest(activity('https://x.example/'), '')).rejects.toThrow();
    expect(auth.size).toBe(0);
  });
});

describe('what is kept of an authentication', () => {
  it('answers anonymous requests as botbuilder does, each with an identity of its own', async () => {
    const own = new ConfigurationBotFrameworkAuthentication({});
    const auth = new ReusingBotFrameworkAuthentication({});
    const expected = await own.authenticateRequest(activity('https://x.example/'), '');
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await auth.authenticateRequest(activity('https://x.example/'), ''));
    }
    for (const answer of answers) {
      expect(answer.audience).toBe(expected.audience);
      expect(answer.callerId).toBe(expected.callerId);
      expect(answer.claimsIdentity).toEqual(expected.claimsIdentity);
      expect(answer.claimsIdentity.isAuthenticated).toBe(true);
      expect(answer.connectorFactory).toBe(answers[0]?.connectorFactory);
    }
    expect(answers[1]?.claimsIdentity).not.toBe(answers[0]?.claimsIdentity);
    expect(answers[2]?.claimsIdentity).not.toBe(answers[1]?.claimsIdentity);
  });

  it("leaves botbuilder's one other anonymous case to botbuilder (a skill called from the Emulator)", async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    await auth.authenticateRequest(activity('https://x.example/'), '');
    const skill = {
      ...activity('http://localhost:3978/'),
      channelId: 'emulator',
      recipient: { id: 'b1', role: 'skill' },
    } as Activity;
    const answer = await auth.authenticateRequest(skill, '');
    expect(answer.claimsIdentity.claims.length).toBeGreaterThan(0);
    // And the next ordinary request is anonymous again.
    const next = await auth.authenticateRequest(activity('https://x.example/'), '');
    expect(next.claimsIdentity.claims).toEqual([]);
  });
});

describe('with an app id, every request is validated (a real signed token)', () => {
  const APP_ID = '5d1f8c2e-7a3b-4c9d-8e1f-2a3b4c5d6e7f';
  const SERVICE = 'https://smba.trafficmanager.net/emea/';
  let keys: KeyServer;
  let auth: ReusingBotFrameworkAuthentication;
  beforeAll(async () => {
    // botbuilder prints each refused token's reason (and the keys) to the console.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    keys = await startKeyServer();
    auth = new ReusingBotFrameworkAuthentication({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      ...publicCloudWith(keys.metadataUrl),
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await keys.close();
  });
  const bearer = (options: { audience?: string; expiresIn?: number; issuedAt?: number } = {}) =>
    `Bearer ${signToken(keys, { appId: APP_ID, serviceUrl: SERVICE, ...options })}`;

  it('takes each correctly signed request with its own claims, on one kept connector factory', async () => {
    const first = await auth.authenticateRequest(activity(SERVICE), bearer());
    const second = await auth.authenticateRequest(activity(SERVICE), bearer());
    expect(first.claimsIdentity.getClaimValue('aud')).toBe(APP_ID);
    expect(second.claimsIdentity).not.toBe(first.claimsIdentity);
    expect(second.claimsIdentity.getClaimValue('aud')).toBe(APP_ID);
    expect(second.callerId).toBe('urn:botframework:azure');
    expect(second.connectorFactory).toBe(first.connectorFactory);
  });

  it('still refuses a forged, an expired or a missing token after valid ones were taken', async () => {
    await auth.authenticateRequest(activity(SERVICE), bearer());
    const refused = [
      bearer({ audience: 'some-other-bot' }),
      bearer({ expiresIn: -3600, issuedAt: -7200 }),
      `Bearer ${bearer().slice('Bearer '.length, -4)}AAAA`,
      '',
    ];
    for (const header of refused) {
      await expect(auth.authenticateRequest(activity(SERVICE), header)).rejects.toThrow();
    }
    await expect(auth.authenticateRequest(activity(SERVICE), bearer())).resolves.toBeDefined();
  });
});
