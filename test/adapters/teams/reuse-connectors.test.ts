/**
 * One ConnectorClient per connector instead of one per turn: kept-alive
 * connections and one token cache, with authentication unchanged.
 */
import type { Activity } from 'botbuilder-core';
import { describe, expect, it } from 'vitest';
import { ReusingBotFrameworkAuthentication } from '../../../src/adapters/teams/reuse-connectors.js';

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
