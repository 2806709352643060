import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../../support/check-block-kit.js';
import {
  BOT_ID,
  BOT_USER,
  CHANNEL,
  fixture,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';

let slack: SlackHarness;

beforeEach(async () => {
  slack = await startSlackHarness();
});

afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

const MESSAGE_TS = fixture('event-channel-message').event.ts as string;
const posts = () => slack.calls.filter((c) => c.api !== 'auth.test');
/** Gives an ignored event time to show itself, for the few paths that log nothing. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('messages in a channel the bot is in', () => {
  it('answers a message that names a code in a thread under it, no @mention needed', async () => {
    const res = await slack.event('event-channel-message');
    expect(res.status).toBe(200);
    await slack.handled(1);
    expect(posts().map((c) => c.api)).toEqual(['chat.postMessage']);
    const [answer] = slack.messages;
    expect(answer).toMatchObject({ channel: CHANNEL, threadTs: MESSAGE_TS });
    expect(answer?.text).toMatch(/^0x8024001E WU_E_SERVICE_STOP: step 1 of/);
    // Link previews off (JSON false; "false" when the WebClient form-encodes it).
    const { unfurl_links, unfurl_media } = posts()[0]?.body ?? {};
    expect([String(unfurl_links), String(unfurl_media)]).toEqual(['false', 'false']);
  });

  it('quotes the decisive line of a pasted log in a code block, and explains a success code', async () => {
    const line =
      '2024-02-14 09:04:10, Error CBS Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE';
    await slack.event('event-channel-message', { text: `Flags: 0x00000000\n${line}` });
    await slack.handled(1);
    const [answer] = slack.messages;
    const text = textOf(answer ?? {});
    expect(text).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    expect(text).toContain(`\`\`\`\n${line}\n\`\`\``);
    await slack.event('event-app-mention', {
      text: `<@${BOT_USER}> result 0x00000000`,
      ts: '1700000100.000100',
    });
    await slack.handled(2);
    expect(textOf(slack.messages[1] ?? {})).toContain('This code means success');
    expect(buttonsOf(slack.messages[1] ?? {})).toEqual([]);
  });

  it('stays quiet on chatter that names no code and does not address it', async () => {
    await slack.event('event-channel-message', { text: 'anyone fancy lunch?' });
    await slack.event('event-channel-message', { text: 'updates fail behind our proxy' });
    await slack.handled(2);
    expect(posts()).toEqual([]);
  });

  it('answers an @mention with a symptom once, though Slack sends it as two events', async () => {
    const mention = fixture('event-app-mention').event;
    await slack.event('event-channel-message', {
      text: mention.text,
      ts: mention.ts,
      blocks: mention.blocks,
    });
    await slack.event('event-app-mention');
    await slack.handled(2);
    expect(slack.messages).toHaveLength(1);
    const [answer] = slack.messages;
    expect(answer?.threadTs).toBe(mention.ts);
    expect(textOf(answer ?? {})).toMatch(/It sounds like 0x8024401B .*Is that it\?/);
  });

  it('moves the flow on typed follow-ups in the thread', async () => {
    await slack.event('event-channel-message');
    await slack.handled(1);
    const inThread = (text: string, ts: string) =>
      slack.event('event-channel-message', { text, ts, thread_ts: MESSAGE_TS });

    await inThread('still failing', '1732266900.000101');
    await slack.handled(2);
    expect(slack.thread(MESSAGE_TS).at(-1)?.text).toMatch(/step 2 of/);

    await inThread('that fixed it', '1732266960.000102');
    await slack.handled(3);
    const fixed = slack.thread(MESSAGE_TS).at(-1);
    expect(textOf(fixed ?? {})).toContain('Great, it is fixed.');
    expect(buttonsOf(fixed ?? {})).toEqual([]);
    expect(slack.thread(MESSAGE_TS)).toHaveLength(3);
  });

  it('keeps two threads in one channel apart', async () => {
    await slack.event('event-channel-message');
    await slack.event('event-channel-message', {
      text: '0x80070422 here',
      ts: '1732266999.000200',
    });
    await slack.handled(2);
    await slack.event('event-channel-message', {
      text: 'still failing',
      ts: '1732267001.000300',
      thread_ts: '1732266999.000200',
    });
    await slack.handled(3);
    expect(slack.thread('1732266999.000200').map((m) => m.text.slice(0, 10))).toEqual([
      '0x80070422',
      '0x80070422',
    ]);
    expect(slack.thread(MESSAGE_TS)).toHaveLength(1);
  });

  it('ignores other bots, its own messages and edits', async () => {
    await slack.event('event-channel-message', {
      subtype: 'bot_message',
      bot_id: 'B0OTHER01',
      user: undefined,
      text: 'Monitoring: PC-042 failed with 0x8024001E',
    });
    await slack.event('event-channel-message', {
      subtype: 'message_changed',
      text: undefined,
    });
    await slack.event('event-channel-message', {
      user: BOT_USER,
      bot_id: BOT_ID,
      app_id: 'A0APP0001',
      text: '0x8024001E WU_E_SERVICE_STOP: step 1 of 6',
    });
    await slack.handled(2);
    await quiet();
    expect(posts()).toEqual([]);
  });
});

describe('direct messages', () => {
  it('answer in the DM itself, and the DM is one conversation like a personal chat', async () => {
    await slack.event('event-direct-message');
    await slack.handled(1);
    const [answer] = slack.messages;
    expect(answer).toMatchObject({ channel: 'D0ALEXDM1' });
    expect(answer?.threadTs).toBeUndefined();
    expect(answer?.text).toMatch(/^0x80070422 .*step 1 of/);

    await slack.event('event-direct-message', { text: "didn't help", ts: '1732266600.000400' });
    await slack.handled(2);
    expect(slack.messages.at(-1)?.text).toMatch(/^0x80070422 .*step 2 of/);

    await slack.event('event-direct-message', { text: 'hello', ts: '1732266700.000500' });
    await slack.handled(3);
    expect(slack.messages).toHaveLength(3);
  });
});

describe('retries', () => {
  it('answers an event once when Slack retries it', async () => {
    await slack.event('event-channel-message', {}, { eventId: 'Ev0RETRY0001' });
    await slack.handled(1);
    const res = await slack.event(
      'event-channel-message',
      {},
      { eventId: 'Ev0RETRY0001', retryNum: 1 },
    );
    expect(res.status).toBe(200);
    expect(await slack.waitForLog('SLACK_RETRY_IGNORED')).toMatchObject({
      eventId: 'Ev0RETRY0001',
      retryNum: 1,
    });
    await quiet();
    expect(slack.messages).toHaveLength(1);
  });

  it('answers a retry whose first delivery never arrived', async () => {
    await slack.event('event-channel-message', {}, { eventId: 'Ev0LOST00001', retryNum: 1 });
    await slack.handled(1);
    expect(slack.messages).toHaveLength(1);
  });
});

describe('when Slack refuses an answer', () => {
  it('still reaches the person with an apology naming the turn, and logs the failure', async () => {
    await slack.close();
    slack = await startSlackHarness({ postFailures: 1 });
    await slack.event('event-channel-message');
    await slack.handled(1);
    const failure = await slack.waitForLog('TURN_FAILED');
    expect(failure.turnId).toMatch(/^slack:/);
    expect(slack.messages).toHaveLength(1);
    const [apology] = slack.messages;
    expect(textOf(apology ?? {})).toContain(
      `Sorry, something went wrong on my side (reference ${failure.turnId})`,
    );
  });
});
