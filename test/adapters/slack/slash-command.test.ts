import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../../support/check-block-kit.js';
import {
  CHANNEL,
  type HarnessOptions,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';

let slack: SlackHarness;

async function start(options: HarnessOptions = {}): Promise<SlackHarness> {
  slack = await startSlackHarness(options);
  return slack;
}

afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

const posts = () => slack.calls.filter((c) => c.api !== 'auth.test');

describe('/wuerror in a channel (in_channel, the default)', () => {
  it('acks with an empty 200 and posts the answer, visible to the channel', async () => {
    await start();
    const res = await slack.command('0x8024001E');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await slack.handled(1);

    // One request per answer: the answer itself is the root of its thread (no placeholder first).
    expect(posts().map((c) => c.api)).toEqual(['chat.postMessage']);
    expect(posts()[0]?.body.thread_ts).toBeUndefined();
    expect(posts()[0]?.authorization).toBe('Bearer xoxb-test');
    expect(slack.messages).toHaveLength(1);
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');
    expect(answer).toMatchObject({ channel: CHANNEL, ephemeral: false });
    expect(answer.threadTs).toBeUndefined();
    expect(answer.text).toMatch(/^0x8024001E WU_E_SERVICE_STOP: step 1 of \d+/);
    expect(answer.blocks[0]).toMatchObject({ type: 'context', block_id: 'wuerror-asked' });
    expect(answer.blocks[1]).toMatchObject({
      type: 'header',
      text: { text: '0x8024001E WU_E_SERVICE_STOP' },
    });
    const text = textOf(answer);
    expect(text).toContain('alex asked: `0x8024001E`');
    expect(text).toContain('shutting down');
    expect(text).toMatch(/\*Step 1 of \d+: /);
    expect(buttonsOf(answer)).toEqual(['Yes', 'No', 'Skip this step', 'All steps', 'Get a human']);
  });

  it('acks at once, before the (slow) answer is worked out and posted', async () => {
    await start({ apiDelayMs: 300 });
    const started = performance.now();
    const res = await slack.command('0x8024001E');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(300);
    expect(slack.logs.filter((l) => l.code === 'SLACK_HANDLED')).toHaveLength(0);
    await slack.handled(1);
    expect(slack.messages).toHaveLength(1);
  });

  it('answers a symptom by asking which error it is, and the choice starts the flow', async () => {
    await start();
    await slack.command('updates fail behind our proxy');
    await slack.handled(1);
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');
    expect(textOf(answer)).toMatch(/It sounds like 0x8024401B .*Is that it\?/);
    expect(buttonsOf(answer)).toContain('None of these');

    await slack.click(answer, 'Yes, 0x8024401B');
    await slack.handled(2);
    expect(buttonsOf(answer)).toEqual([]);
    expect(textOf(answer)).toContain('alex chose 0x8024401B');
    const [step] = slack.thread(answer.ts);
    expect(step?.text).toMatch(/^0x8024401B .*step 1 of/);
  });

  it('answers `help` (and a bare /wuerror) with what the bot can do', async () => {
    await start();
    await slack.command('help');
    await slack.command('');
    await slack.handled(2);
    expect(slack.messages).toHaveLength(2);
    for (const message of slack.messages) {
      expect(textOf(message)).toContain('I explain Windows Update errors');
      expect(textOf(message)).toContain('0x8024001E');
    }
    expect(textOf(slack.messages[1] ?? {})).toContain('alex asked for help');
  });

  it('keeps the buttons and the thread of its answer on the same conversation', async () => {
    await start();
    await slack.command('0x8024001E');
    await slack.handled(1);
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');

    await slack.click(answer, 'No');
    await slack.handled(2);
    expect(buttonsOf(answer)).toEqual([]);
    expect(textOf(answer)).toContain('alex asked: `0x8024001E`');
    expect(textOf(answer)).toContain('alex answered: No');
    const [step2] = slack.thread(answer.ts);
    expect(step2?.text).toMatch(/step 2 of/);

    // Typed in the thread under the answer: the same flow moves on.
    await slack.event('event-channel-message', {
      text: 'still failing',
      ts: '1732267900.000500',
      thread_ts: answer.ts,
    });
    await slack.handled(3);
    expect(slack.thread(answer.ts).at(-1)?.text).toMatch(/step 3 of/);
  });

  it('escapes what the user typed: no @channel, no mention, no link in the reply', async () => {
    await start();
    await slack.command('<!channel> <!here> <@U0EVE0001> <https://evil.example|click> 0x8024001E');
    await slack.handled(1);
    const sent = JSON.stringify(posts().map((c) => c.body));
    for (const live of ['<!channel>', '<!here>', '<@U0EVE0001>', '<https://evil.example'])
      expect(sent).not.toContain(live);
    const [answer] = slack.messages;
    expect(textOf(answer ?? {})).toContain(
      'alex asked: `&lt;!channel&gt; &lt;!here&gt; &lt;@U0EVE0001&gt; &lt;https://evil.example|click&gt; 0x8024001E`',
    );
    expect(answer?.text).toMatch(/^0x8024001E/);
  });
});

describe('/wuerror, private answers', () => {
  it('answers privately through the response_url with WUERROR_SLASH_VISIBILITY=ephemeral', async () => {
    await start({ env: { WUERROR_SLASH_VISIBILITY: 'ephemeral' } });
    await slack.command('0x8024001E');
    await slack.handled(1);
    expect(posts().map((c) => c.api)).toEqual(['response_url']);
    expect(posts()[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');
    expect(answer.ephemeral).toBe(true);

    // A click on a private message arrives without `message`; it still finds its flow.
    await slack.click(answer, 'No');
    await slack.handled(2);
    expect(posts().map((c) => c.api)).toEqual(['response_url', 'response_url', 'response_url']);
    expect(posts()[1]?.body).toMatchObject({ replace_original: true });
    expect(buttonsOf(answer)).toEqual([]);
    expect(slack.messages.at(-1)?.text).toMatch(/step 2 of/);
    expect(slack.messages.at(-1)?.ephemeral).toBe(true);
  });

  it('answers privately in a channel the bot may not post in, and says why in the log', async () => {
    await start({ cannotPost: true });
    await slack.command('0x8024001E');
    await slack.handled(1);
    expect(await slack.waitForLog('SLACK_CANNOT_POST')).toMatchObject({ channel: CHANNEL });
    expect(posts().map((c) => c.api)).toEqual(['chat.postMessage', 'response_url']);
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatchObject({ ephemeral: true });
    expect(textOf(slack.messages[0] ?? {})).toContain('0x8024001E WU_E_SERVICE_STOP');
    // The flow was kept with the private conversation: its buttons move it on.
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');
    await slack.click(answer, 'No');
    await slack.handled(2);
    expect(slack.messages.at(-1)?.text).toMatch(/step 2 of/);
  });

  it('answers in a direct message through the response_url, where the bot may not post', async () => {
    await start();
    await slack.command('0x8024001E', { channel_id: 'D0ALEXDM1', channel_name: 'directmessage' });
    await slack.handled(1);
    expect(posts().map((c) => c.api)).toEqual(['response_url']);
    expect(posts()[0]?.body.response_type).toBe('in_channel');
    const [answer] = slack.messages;
    if (!answer) throw new Error('no answer');
    await slack.click(answer, 'No');
    await slack.handled(2);
    expect(slack.messages.at(-1)?.text).toMatch(/step 2 of/);
  });
});
