/**
 * Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the app's signing secret
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */
import { createHmac } from 'node:crypto';

export function signSlackRequest(
  secret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return {
    'x-slack-signature': `v0=${signature}`,
    'x-slack-request-timestamp': String(timestamp),
  };
}
