/**
 * Request floods: a fixed one-minute window per client IP, counted in the
 * state store (so it holds across instances that share one), answered with
 * 429 and a Retry-After before any body is read. The client IP is the TCP
 * peer, or behind a trusted proxy (WUERROR_TRUST_PROXY) the address it
 * forwards in X-Forwarded-For.
 * A store that does not answer lets the request through: the limit protects
 * the bot, it must not take it down.
 */
import type { RequestHandler } from 'express';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { StateStore } from '../storage/state-store.js';

export const WINDOW_MS = 60_000;

export function limitPerIp(store: StateStore, perMinute: number, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    if (perMinute <= 0) return next();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let count: number;
    try {
      count = await store.hit(`rate:ip:${ip}`, WINDOW_MS);
    } catch (error) {
      logger.warn(
        { err: error, code: 'RATE_LIMIT_UNAVAILABLE' satisfies LogCode },
        'rate limit skipped: the store did not answer',
      );
      return next();
    }
    if (count <= perMinute) return next();
    // One line per window and client, not one per refused request.
    if (count === perMinute + 1) {
      logger.warn(
        { ip, path: req.originalUrl, code: 'HTTP_RATE_LIMITED' satisfies LogCode },
        'too many requests from one client',
      );
    }
    res.set('retry-after', String(WINDOW_MS / 1000));
    res.status(429).json({ error: 'too many requests' });
  };
}
