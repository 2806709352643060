import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../../support/check-block-kit.js';
import {
  fixture,
  type HarnessOptions,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';
import type { PostedMessage } from '../../support/slack-world.js';

let slack: SlackHarness;

afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

const ROOT = fixture('event-channel-message').event.ts as string;
const posts = () => slack.calls.filter((c) => c.api !== 'auth.test');

/** A channel message naming a code, answered in its thread; returns the answer. */
async function startFlow(options: HarnessOptions = {}, text?: string): Promise<PostedMessage> {
  slack = await startSlackHarness(options);
  await slack.event('event-channel-message', text ? { text } : {});
  await slack.handled(1);
  const answer = slack.thread(ROOT)[0];
  if (!answer) throw new Error('no answer');
  return answer;
}

describe('button clicks', () => {
  it('take a flow through to "fixed", each clicked message losing its buttons', async () => {
    const step1 = await startFlow({}, 'PC-042: 0x80070422 again');
    await slack.click(step1, 'No, still failing');
    await slack.handled(2);
    expect(posts().map((c) => c.api)).toEqual([
      'chat.postMessage',
      'chat.update',
      'chat.postMessage',
    ]);
    // The clicked message keeps its content, loses its buttons and says who answered what.
    expect(buttonsOf(step1)).toEqual([]);
    expect(step1.versions).toHaveLength(2);
    expect(textOf(step1)).toContain('Step 1 of');
    expect(textOf(step1)).toMatch(/alex answered: No, still failing$/);

    const step2 = slack.thread(ROOT)[1];
    if (!step2) throw new Error('no step 2');
    expect(step2.text).toMatch(/step 2 of/);
    expect(buttonsOf(step2)).toContain('Back');

    await slack.click(step2, 'Yes, fixed');
    await slack.handled(3);
    expect(buttonsOf(step2)).toEqual([]);
    const fixed = slack.thread(ROOT)[2];
    expect(fixed?.text).toMatch(/^0x80070422 .* is fixed\.$/);
    expect(textOf(fixed ?? {})).toContain('Great, it is fixed.');
    expect(textOf(fixed ?? {})).toMatch(/Step 1, .*: did not help/);
    expect(textOf(fixed ?? {})).toMatch(/Step 2, .*: fixed it/);
  });

  it('hand the flow to a human, with the summary in the thread and sent to the helpdesk', async () => {
    const webhook: unknown[] = [];
    nock('https://helpdesk.test')
      .post('/hooks/wuerror')
      .reply(200, (_uri, body) => {
        webhook.push(body);
        return { ok: true };
      });
    const step1 = await startFlow({
      env: { HELPDESK_WEBHOOK_URL: 'https://helpdesk.test/hooks/wuerror' },
    });
    await slack.click(step1, 'Get a human');
    await slack.handled(2);
    expect(buttonsOf(step1)).toEqual([]);
    const handoff = slack.thread(ROOT)[1];
    expect(handoff?.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Handed to the helpdesk' },
    });
    const text = textOf(handoff ?? {});
    expect(text).toContain('*Asked by:* alex');
    expect(text).toContain('*Where:* #helpdesk (slack)');
    expect(text).toContain('A ticket was sent to the helpdesk');
    expect(webhook).toHaveLength(1);
    expect(webhook[0]).toMatchObject({
      error: { code: '0x8024001E' },
      where: { platform: 'slack', kind: 'channel', label: '#helpdesk' },
    });
  });

  it('answer a click on an outdated message with where the flow is, never forking it', async () => {
    const step1 = await startFlow();
    // Two people click the same message before Slack shows either click.
    const first = slack.clickBody(step1, 'No');
    const second = slack.clickBody(step1, 'Skip this step');
    await slack.send(first, 'application/x-www-form-urlencoded');
    await slack.handled(2);
    await slack.send(second, 'application/x-www-form-urlencoded');
    await slack.handled(3);
    const stale = slack.thread(ROOT).at(-1);
    expect(stale?.text).toMatch(/^That button is from an older card\. We are on step 2 of/);
    expect(buttonsOf(stale ?? {})).toEqual([]);
    // The stale click changed nothing: one update (the first click), step 2 still current.
    expect(posts().filter((c) => c.api === 'chat.update')).toHaveLength(1);
    expect(slack.thread(ROOT).filter((m) => /step \d+ of/.test(m.text))).toHaveLength(2);
  });

  it('are stale once a typed answer has moved the flow on', async () => {
    const step1 = await startFlow();
    // The click as it would come from a client that still shows the old buttons.
    const oldClick = slack.clickBody(step1, 'No');
    await slack.event('event-channel-message', {
      text: 'skip',
      ts: '1732266900.000101',
      thread_ts: ROOT,
    });
    await slack.handled(2);
    await slack.send(oldClick, 'application/x-www-form-urlencoded');
    await slack.handled(3);
    expect(slack.thread(ROOT).at(-1)?.text).toMatch(/^That button is from an older card/);
  });

  it('ignore a button payload that is not ours, acking it all the same', async () => {
    const step1 = await startFlow();
    const body = decodeURIComponent(slack.clickBody(step1, 'No').slice('payload='.length));
    const payload = JSON.parse(body);
    payload.actions[0].value = '{"type":"answer","answer":"rm -rf","flowId":"x","step":0}';
    const res = await slack.send(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await slack.handled(2);
    expect(await slack.waitForLog('SLACK_BAD_PAYLOAD')).toMatchObject({ kind: 'block_actions' });
    expect(posts()).toHaveLength(1);
  });
});
