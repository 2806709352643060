import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node:querystring';
import { describe, expect, it, vi } from 'vitest';
import { readSlackBody } from '../../../src/adapters/slack/check-slack-body.js';
import { slackFetch } from '../../../src/adapters/slack/slack-fetch.js';
import { fixture } from '../../support/slack-harness.js';

const FORM = 'application/x-www-form-urlencoded';
const command = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'slack', 'slash-command.form'),
  'utf8',
).trim();

describe('readSlackBody: one parse, the body Bolt would have parsed', () => {
  it('a slash command: its form fields', () => {
    const read = readSlackBody(command, FORM, '/wuerror');
    expect(read).toMatchObject({ verdict: 'bolt', kind: 'command' });
    expect(read.verdict === 'bolt' && read.body).toEqual(parse(command));
    expect(read.verdict === 'bolt' && read.body.text).toBe('0x8024001E');
  });

  it('a click: the JSON in its `payload` field, not the form around it', () => {
    const payload = fixture('block-actions');
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const read = readSlackBody(form, `${FORM}; charset=utf-8`, '/wuerror');
    expect(read).toEqual({ verdict: 'bolt', kind: 'click', body: payload });
  });

  it('an event: its JSON', () => {
    const event = fixture('event-channel-message');
    expect(readSlackBody(JSON.stringify(event), 'application/json', '/wuerror')).toEqual({
      verdict: 'bolt',
      kind: 'event',
      body: event,
    });
  });

  it("Slack's set-up requests are left to Bolt's router; the rest answered or refused", () => {
    const verdict = (text: string, type = 'application/json') =>
      readSlackBody(text, type, '/wuerror').verdict;
    expect(verdict('ssl_check=1&token=x', FORM)).toBe('setup');
    expect(verdict('{"type":"url_verification","challenge":"c"}')).toBe('setup');
    expect(verdict(command.replace('%2Fwuerror', '%2Fother'), FORM)).toBe('nothing-for-us');
    expect(verdict('{"type":"app_rate_limited","team_id":"T0TEAM001"}')).toBe('nothing-for-us');
    expect(verdict('null')).toBe('bad-shape');
    expect(verdict('{"type":"event_callback","event":""}')).toBe('bad-shape');
    expect(verdict(command.replace('T0TEAM001', 'toString'), FORM)).toBe('bad-shape');
    expect(verdict('payload=%7Bnot%20json', FORM)).toBe('bad-shape');
  });
});

describe('slackFetch', () => {
  const ok = () => Promise.resolve(new Response('{}'));

  it("leaves the Web API client's own time-limited signal alone (no second timer)", async () => {
    const bounded = vi.fn(ok);
    const plain = vi.fn(ok);
    const signal = AbortSignal.timeout(10_000);
    const init = { method: 'POST', body: 'x', signal };
    await slackFetch(bounded, plain)('https://slack.test/api/chat.postMessage', init);
    expect(plain).toHaveBeenCalledWith('https://slack.test/api/chat.postMessage', init);
    expect(bounded).not.toHaveBeenCalled();
  });

  it("bounds a call that brings no signal (Bolt's respond to a response_url)", async () => {
    const bounded = vi.fn(ok);
    const plain = vi.fn(ok);
    await slackFetch(bounded, plain)('https://hooks.slack.com/commands/T/1/x', { method: 'POST' });
    expect(bounded).toHaveBeenCalledTimes(1);
    expect(plain).not.toHaveBeenCalled();
  });
});
