import { afterEach, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../support/sign-slack.js';
import {
  fixture,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';

let slack: SlackHarness;

afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

const event = JSON.stringify({ ...fixture('event-channel-message'), event_id: 'Ev0SIGNED001' });
const JSON_TYPE = 'application/json';

async function expectRejected(headers: Record<string, string>, body = event) {
  const res = await slack.send(body, JSON_TYPE, headers);
  expect(res.status).toBe(401);
  // Nothing was processed: no Slack call, no turn, not even the bot's identity lookup.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(slack.calls).toEqual([]);
  expect(slack.logs.filter((l) => l.code === 'SLACK_HANDLED' || l.msg === 'turn')).toEqual([]);
}

describe('POST /slack/events signature checks', () => {
  it('accept a request signed as Slack signs it', async () => {
    slack = await startSlackHarness();
    const res = await slack.send(event, JSON_TYPE, signSlackRequest(SIGNING_SECRET, event));
    expect(res.status).toBe(200);
    await slack.handled(1);
    expect(slack.messages).toHaveLength(1);
  });

  it('reject a signature made with another secret', async () => {
    slack = await startSlackHarness();
    await expectRejected(signSlackRequest('not-the-signing-secret', event));
  });

  it('reject a body changed after signing', async () => {
    slack = await startSlackHarness();
    const headers = signSlackRequest(SIGNING_SECRET, event);
    await expectRejected(headers, event.replace('0x8024001E', '0x80070422'));
  });

  it('reject a stale signature (older than five minutes), replayed or not', async () => {
    slack = await startSlackHarness();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    await expectRejected(signSlackRequest(SIGNING_SECRET, event, sixMinutesAgo));
  });

  it('reject a request without signature headers', async () => {
    slack = await startSlackHarness();
    await expectRejected({});
  });

  it("answer Slack's URL verification when signed", async () => {
    slack = await startSlackHarness();
    const body = JSON.stringify({
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const res = await slack.send(body, JSON_TYPE, signSlackRequest(SIGNING_SECRET, body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });
  it("answer Slack's SSL check when signed, and refuse Slack's set-up requests unsigned", async () => {
    slack = await startSlackHarness();
    const form = 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO';
    const FORM_TYPE = 'application/x-www-form-urlencoded';
    const ok = await slack.send(form, FORM_TYPE, signSlackRequest(SIGNING_SECRET, form));
    expect(ok.status).toBe(200);
    // Bolt's receiver behind the gate does not check signatures itself: the gate is the only way in.
    const forged = signSlackRequest('not-the-signing-secret', form);
    expect((await slack.send(form, FORM_TYPE, forged)).status).toBe(401);
    const challenge = JSON.stringify({ challenge: 'c', type: 'url_verification' });
    const unsigned = await slack.send(challenge, JSON_TYPE, {});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toContain('"challenge"');
  });
});

describe('Slack configuration and identity', () => {
  it('is off without a signing secret: the server says so and Teams works as before', async () => {
    slack = await startSlackHarness({ env: { SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '' } });
    expect(slack.logs.some((l) => /^Slack: off/.test(l.msg))).toBe(true);
    const res = await slack.send(event, JSON_TYPE);
    expect(res.status).toBe(404);
    const health = await fetch(`${slack.app.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', slack: 'off' });
    const teams = await fetch(`${slack.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'typing',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: 'a:1' },
      }),
    });
    expect(teams.status).toBe(200);
  });

  it("looks the bot's identity up again after Slack failed to give it", async () => {
    slack = await startSlackHarness({ authFailures: 1 });
    await slack.send(event, JSON_TYPE, signSlackRequest(SIGNING_SECRET, event));
    const failed = await slack.waitForLog('SLACK_HANDLER_FAILED');
    // Bolt wraps the listener's error; the log carries what actually went wrong.
    expect(failed.boltCode).toBe('slack_bolt_authorization_error');
    expect(failed.cause?.message).toMatch(/fatal_error/);
    expect(slack.messages).toEqual([]);
    const again = JSON.stringify({ ...JSON.parse(event), event_id: 'Ev0SIGNED002' });
    await slack.send(again, JSON_TYPE, signSlackRequest(SIGNING_SECRET, again));
    await slack.handled(1);
    expect(slack.calls.filter((c) => c.api === 'auth.test')).toHaveLength(2);
    expect(slack.messages).toHaveLength(1);
  });

  it('never writes the bot token or the signing secret to the log', async () => {
    slack = await startSlackHarness();
    await slack.command('0x8024001E');
    await slack.send(event, JSON_TYPE, signSlackRequest('not-the-signing-secret', event));
    await slack.handled(1);
    const log = JSON.stringify(slack.logs);
    expect(log).not.toContain('xoxb-test');
    expect(log).not.toContain(SIGNING_SECRET);
    // The refusal is logged once, with its code (before Bolt, which would log it again).
    expect(slack.logs.filter((l) => l.code === 'SLACK_REJECTED')).toHaveLength(1);
    expect(log).not.toContain('Request verification failed');
  });
});
