/**
 * Bolt refuses a signed request more than five minutes old, but not one
 * dated in the future, which a captured request with a forged clock could
 * use to outlive the replay window. Refused the same way (401), before the
 * body is read; a missing or non-numeric timestamp is left to Bolt.
 */
import type { RequestHandler } from 'express';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { forRequest } from '../../logging/request-logger.js';
import { requestIdOf } from '../../observability/request-context.js';

export const MAX_CLOCK_SKEW_S = 5 * 60;

export function refuseFutureRequests(
  logger: Logger,
  nowMs: () => number = Date.now,
): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const stamp = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(stamp) && stamp > nowMs() / 1000 + MAX_CLOCK_SKEW_S) {
      forRequest(logger, requestIdOf(req)).info(
        { reason: 'timestamp in the future', code: 'SLACK_REJECTED' satisfies LogCode },
        'slack request refused',
      );
      res.status(401).json({ error: 'request timestamp is in the future' });
      return;
    }
    next();
  };
}
