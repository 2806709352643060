/**
 * Log files shared with the bot on Slack, end to end: a real `file_share`
 * message event, `files.info` and the download faked on the same host as
 * SLACK_API_URL (slack.test and files.slack.test), the bot token checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../support/check-block-kit.js';
import {
  API_URL,
  BOT_USER,
  fixture,
  type Json,
  type SlackHarness,
  startSlackHarness,
} from '../../support/slack-harness.js';

const cbs = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'logs', 'cbs-package-failed.log'),
);
const FILE = fixture('event-file-share').event.files[0];

let slack: SlackHarness;
beforeEach(async () => {
  slack = await startSlackHarness();
});
afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
  nock.cleanAll();
});

/** files.info answers with the file as Slack describes it; `file` overrides fields. */
function filesInfo(file: Json = {}) {
  const asked: string[] = [];
  nock(new URL(API_URL).origin)
    .post('/api/files.info')
    .reply(200, (_uri, body) => {
      asked.push(String(body));
      return { ok: true, file: { ...FILE, ...file }, comments: [], response_metadata: {} };
    });
  return asked;
}

function download(body: Buffer | string) {
  const seen: Array<string | undefined> = [];
  const scope = nock('https://files.slack.test')
    .get('/files-pri/T0TEAM001-F0CBSLOG01/download/cbs.log')
    .reply(function () {
      seen.push(this.req.headers.authorization as string | undefined);
      return [200, body, { 'content-type': 'text/plain' }];
    });
  return { seen, scope };
}

describe('a log file shared with the bot', () => {
  it('in a DM is downloaded with the bot token and read like a paste, its line quoted', async () => {
    const asked = filesInfo();
    const { seen } = download(cbs);
    await slack.event('event-file-share');
    await slack.handled(1);
    expect(asked[0]).toContain('F0CBSLOG01');
    expect(seen).toEqual(['Bearer xoxb-test']);
    const [answer] = slack.messages;
    expect(answer?.text).toMatch(/^0x80070643 ERROR_INSTALL_FAILURE: step 1 of/);
    const text = textOf(answer ?? {});
    expect(text).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    expect(text).toContain('```\n2024-02-14 09:04:10, Error CBS Package Package_for_KB5034441');
  });

  it('with an @mention in a channel is read too, UTF-16 LE included', async () => {
    filesInfo({ name: 'CBS-export.log', size: cbs.length * 2 + 2 });
    download(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cbs.toString(), 'utf16le')]));
    const mention = fixture('event-app-mention').event;
    await slack.event('event-app-mention', {
      text: `<@${BOT_USER}> can you read this`,
      files: [{ ...FILE, name: 'CBS-export.log' }],
      ts: mention.ts,
    });
    await slack.handled(1);
    expect(slack.messages[0]?.text).toMatch(/^0x80070643 /);
  });

  it('as an .etl gets how to decode it, without a download', async () => {
    filesInfo({ name: 'WindowsUpdate.20241122.etl', size: 1_048_576 });
    const { scope } = download('not read');
    await slack.event('event-file-share', {
      files: [{ ...FILE, name: 'WindowsUpdate.20241122.etl' }],
    });
    await slack.handled(1);
    const text = textOf(slack.messages[0] ?? {});
    expect(text).toContain('WindowsUpdate.20241122.etl is a binary event trace (.etl)');
    expect(text).toContain('```\nGet-WindowsUpdateLog\n```');
    expect(scope.isDone()).toBe(false);
  });

  it('too large by its reported size, or on a host that is not Slack, is refused unread', async () => {
    filesInfo({ size: 6 * 1024 * 1024 });
    await slack.event('event-file-share');
    await slack.handled(1);
    expect(textOf(slack.messages[0] ?? {})).toContain('CBS.log is larger than 5 MB');

    filesInfo({
      url_private_download: 'https://files.example.test/cbs.log',
      url_private: undefined,
    });
    const elsewhere = nock('https://files.example.test').get('/cbs.log').reply(200, cbs);
    await slack.event('event-file-share');
    await slack.handled(2);
    expect(textOf(slack.messages[1] ?? {})).toContain('I could not download CBS.log');
    expect(elsewhere.isDone()).toBe(false);
  });
});
