/**
 * Our signature check against Bolt's `isValidSlackRequest` (the one it
 * replaced), request by request: the same verdict for every case Slack or an
 * attacker could send, except a signature with junk after a second `=`,
 * which Bolt ignores and we refuse.
 */
import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { isSignedBySlack } from '../../../src/adapters/slack/verify-signature.js';
import { signSlackRequest } from '../../support/sign-slack.js';

const SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const NOW_MS = Date.UTC(2026, 10, 23, 12, 0, 0);
const NOW_S = Math.floor(NOW_MS / 1000);
const BODY = 'token=x&team_id=T0TEAM001&command=%2Fwuerror&text=0x8024001E%20caf%C3%A9';

const bolt = (signature: string | undefined, timestamp: string | undefined, body: string) =>
  signature !== undefined &&
  timestamp !== undefined &&
  isValidSlackRequest({
    signingSecret: SECRET,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    nowMilliseconds: NOW_MS,
  });
const ours = (signature: string | undefined, timestamp: string | undefined, body: string) =>
  isSignedBySlack(SECRET, signature, timestamp, Buffer.from(body), NOW_MS);

const signed = (body: string, at = NOW_S, secret = SECRET) => {
  const h = signSlackRequest(secret, body, at);
  return [h['x-slack-signature'] as string, h['x-slack-request-timestamp'] as string] as const;
};

describe('isSignedBySlack', () => {
  const cases: Array<[string, string | undefined, string | undefined, string]> = [
    ['signed now', ...signed(BODY), BODY],
    ['signed 4 minutes ago', ...signed(BODY, NOW_S - 240), BODY],
    ['signed exactly 5 minutes ago', ...signed(BODY, NOW_S - 300), BODY],
    ['signed 5 minutes and 1 second ago', ...signed(BODY, NOW_S - 301), BODY],
    ['another secret', ...signed(BODY, NOW_S, 'another-secret'), BODY],
    ['body changed', ...signed(BODY), BODY.replace('0x8024001E', '0x80070422')],
    ['empty body signed', ...signed(''), ''],
    ['timestamp changed', signed(BODY)[0], String(NOW_S - 1), BODY],
    ['timestamp not a number', signed(BODY)[0], 'soon', BODY],
    ['no signature', undefined, String(NOW_S), BODY],
    ['no timestamp', signed(BODY)[0], undefined, BODY],
    ['v1 scheme', signed(BODY)[0].replace('v0=', 'v1='), String(NOW_S), BODY],
    ['no scheme', signed(BODY)[0].slice(3), String(NOW_S), BODY],
    ['upper-case hex', signed(BODY)[0].toUpperCase().replace('V0=', 'v0='), String(NOW_S), BODY],
    ['short hash', signed(BODY)[0].slice(0, 40), String(NOW_S), BODY],
    ['empty hash', 'v0=', String(NOW_S), BODY],
    ['not hex', `v0=${'z'.repeat(64)}`, String(NOW_S), BODY],
  ];
  it.each(cases)('%s: the same verdict as Bolt', (_name, signature, timestamp, body) => {
    expect(ours(signature, timestamp, body)).toBe(bolt(signature, timestamp, body));
  });

  it('accepts what Slack signs and refuses the rest', () => {
    expect(ours(...signed(BODY), BODY)).toBe(true);
    expect(ours(...signed(BODY, NOW_S - 301), BODY)).toBe(false);
    expect(ours(...signed(BODY, NOW_S, 'another-secret'), BODY)).toBe(false);
  });

  it('hashes the raw bytes: a body that is not valid UTF-8 is checked as sent', () => {
    const raw = Buffer.from([0x61, 0xff, 0x62]);
    const hash = createHmac('sha256', SECRET).update(`v0:${NOW_S}:`).update(raw).digest('hex');
    expect(isSignedBySlack(SECRET, `v0=${hash}`, String(NOW_S), raw, NOW_MS)).toBe(true);
  });

  it('refuses junk after the hash, which Bolt would ignore', () => {
    const [signature, timestamp] = signed(BODY);
    expect(bolt(`${signature}=junk`, timestamp, BODY)).toBe(true);
    expect(ours(`${signature}=junk`, timestamp, BODY)).toBe(false);
  });

  it('refuses everything without a signing secret', () => {
    const [signature, timestamp] = signed(BODY);
    expect(isSignedBySlack('', signature, timestamp, Buffer.from(BODY), NOW_MS)).toBe(false);
  });
});
