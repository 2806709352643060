/**
 * An answer's chat.postMessage goes out as a plain JSON request
 * (lean-web-api.ts), and through the WebClient (a form) when an outbound
 * proxy is configured, which the plain request would not use.
 */
import { afterEach, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.js';

let slack: SlackHarness;
afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

const answerPost = () => slack.calls.find((c) => c.api === 'chat.postMessage');

it('posts the answer as JSON with the bot token in the header', async () => {
  slack = await startSlackHarness();
  expect((await slack.command('0x8024001E')).status).toBe(200);
  await slack.handled(1);
  expect(answerPost()).toMatchObject({
    contentType: 'application/json; charset=utf-8',
    authorization: 'Bearer xoxb-test',
  });
  expect(answerPost()?.body.token).toBeUndefined();
  expect(slack.messages[0]?.text).toMatch(/^0x8024001E/);
});

it('leaves every call to the WebClient behind an outbound proxy', async () => {
  slack = await startSlackHarness({ env: { HTTPS_PROXY: 'http://127.0.0.1:9' } });
  expect((await slack.command('0x8024001E')).status).toBe(200);
  await slack.handled(1);
  expect(answerPost()?.contentType).toBe('application/x-www-form-urlencoded');
  expect(slack.messages[0]?.text).toMatch(/^0x8024001E/);
});
