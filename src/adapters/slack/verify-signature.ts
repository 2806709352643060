/**
 * Slack's request signature (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `x-slack-signature` is `v0=` + the hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * with the app's signing secret, and `x-slack-request-timestamp` is at most
 * five minutes old. The same rules as Bolt's `isValidSlackRequest`, which
 * this replaced on the hot path, with two differences in how, not what: the
 * HMAC runs once over the raw bytes (Bolt hashes the body decoded to a
 * string, then compares with `tsscmp`, which hashes both sides again), and
 * the two digests are compared with `crypto.timingSafeEqual`. A signature
 * that is not exactly `v0=` and 64 lower-case hex digits is refused (Bolt
 * would ignore anything after a second `=`; Slack never sends one). A
 * timestamp in the future is refuse-future-requests.ts's business.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed request may be. */
export const MAX_AGE_S = 5 * 60;

const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export function isSignedBySlack(
  signingSecret: string,
  signature: string | undefined,
  timestampHeader: string | undefined,
  rawBody: Buffer,
  nowMs: number = Date.now(),
): boolean {
  if (!signingSecret || signature === undefined || !SIGNATURE.test(signature)) return false;
  const timestamp = Number(timestampHeader);
  // As Bolt: Number(header), older than five minutes (whole seconds) refused; not a finite number
  // (Bolt refuses NaN only) refused too.
  if (timestampHeader === undefined || !Number.isFinite(timestamp)) return false;
  if (timestamp < Math.floor(nowMs / 1000) - MAX_AGE_S) return false;
  const ours = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:`)
    .update(rawBody)
    .digest();
  return timingSafeEqual(ours, Buffer.from(signature.slice(3), 'hex'));
}
