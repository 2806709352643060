/**
 * The Slack endpoint against replays and odd requests: a signed slash
 * command replayed verbatim runs once, an event id is remembered in the
 * store across a restart, a request dated in the future is refused like a
 * stale one, and an over-long /wuerror gets a reply saying so.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStoreIn } from '../../../src/storage/sqlite-store.js';
import { signSlackRequest } from '../../support/sign-slack.js';
import {
  HOOKS,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
  TEAM,
} from '../../support/slack-harness.js';

const FORM = 'application/x-www-form-urlencoded';
let slack: SlackHarness | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

function commandForm(text: string, n: number): string {
  const form = new URLSearchParams(
    readFileSync(join(import.meta.dirname, '../../fixtures/slack/slash-command.form'), 'utf8'),
  );
  form.set('text', text);
  form.set('trigger_id', `9114271649${n}.7391830115.replay${n}`);
  form.set('response_url', `${HOOKS}/commands/${TEAM}/91142716${n}/replay${n}`);
  return form.toString();
}

describe('Slack replays', () => {
  it('runs an exact replay of a signed slash command once', async () => {
    slack = await startSlackHarness();
    const body = commandForm('0x8024001E', 1);
    const form = new URLSearchParams(body);
    slack.expectResponseUrl(form.get('response_url') as string, form.get('channel_id') as string);
    const headers = signSlackRequest(SIGNING_SECRET, body);
    for (let i = 0; i < 3; i++) {
      const res = await slack.send(body, FORM, headers);
      expect(res.status).toBe(200);
    }
    await slack.handled(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.logs.filter((l) => l.code === 'SLACK_RETRY_IGNORED')).toHaveLength(2);
    expect(slack.logs.filter((l) => l.code === 'SLACK_HANDLED')).toHaveLength(1);
    expect(slack.messages).toHaveLength(1);
  });

  it('remembers an event id in the state store, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-slack-replay-'));
    try {
      slack = await startSlackHarness({ store: createSqliteStoreIn(dir) });
      await slack.event('event-channel-message', {}, { eventId: 'Ev0RESTART01' });
      await slack.handled(1);
      expect(slack.messages).toHaveLength(1);
      await slack.close();
      slack = await startSlackHarness({ store: createSqliteStoreIn(dir) });
      const res = await slack.event(
        'event-channel-message',
        {},
        { eventId: 'Ev0RESTART01', retryNum: 1 },
      );
      expect(res.status).toBe(200);
      await slack.waitForLog('SLACK_RETRY_IGNORED');
      expect(slack.messages).toEqual([]);
    } finally {
      await slack?.close();
      slack = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('odd Slack requests', () => {
  it('refuses a request dated more than five minutes in the future, like a stale one', async () => {
    slack = await startSlackHarness();
    const body = commandForm('0x8024001E', 2);
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    const res = await slack.send(body, FORM, signSlackRequest(SIGNING_SECRET, body, future));
    expect(res.status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    const old = await slack.send(body, FORM, signSlackRequest(SIGNING_SECRET, body, stale));
    expect(old.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.logs.filter((l) => l.code === 'SLACK_HANDLED')).toHaveLength(0);
    expect(slack.calls.filter((c) => c.api !== 'auth.test')).toEqual([]);
  });

  it('tells the person when /wuerror text is over the limit, instead of staying silent', async () => {
    slack = await startSlackHarness();
    const res = await slack.command('0x8024001E '.repeat(1200));
    expect(res.status).toBe(200);
    await slack.handled(1);
    await slack.waitForLog('SLACK_TOO_LONG');
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.ephemeral).toBe(true);
    expect(slack.messages[0]?.text).toMatch(/too long for me to read \(over 10,000 characters\)/);
  });
});
