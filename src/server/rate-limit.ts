/**
 * Request floods: a fixed one-minute window per client IP, answered with 429
 * and a Retry-After before any body is read. The client IP is the TCP peer,
 * or behind a trusted proxy (WUERROR_TRUST_PROXY) the address it forwards in
 * X-Forwarded-For.
 *
 * Counted in this process's memory, not in the state store: the guard runs
 * on every request, and a store write per request (a SQLite commit, a Redis
 * round trip) cost more than the rest of the guard many times over. So each
 * server process (each WEB_CONCURRENCY worker, each instance behind a
 * balancer) allows a client its own `perMinute`; a restart starts the counts
 * afresh. The per-person and per-conversation turn limits stay in the store.
 */
import type { RequestHandler } from 'express';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { forRequest } from '../logging/request-logger.js';
import { requestIdOf } from '../observability/request-context.js';

export const WINDOW_MS = 60_000;
/** Clients tracked at once; past it, windows that ended are dropped (and, if none has, all). */
const MAX_CLIENTS = 100_000;

interface Window {
  startedAt: number;
  count: number;
}

export function limitPerIp(
  perMinute: number,
  logger: Logger,
  now: () => number = Date.now,
): RequestHandler {
  const windows = new Map<string, Window>();

  function hit(ip: string): number {
    const at = now();
    const window = windows.get(ip);
    if (window && at - window.startedAt < WINDOW_MS) return ++window.count;
    if (!window && windows.size >= MAX_CLIENTS) forgetEnded(at);
    windows.set(ip, { startedAt: at, count: 1 });
    return 1;
  }

  function forgetEnded(at: number): void {
    for (const [ip, window] of windows) {
      if (at - window.startedAt >= WINDOW_MS) windows.delete(ip);
    }
    // Every window still running: a flood of addresses; memory stays bounded.
    if (windows.size >= MAX_CLIENTS) windows.clear();
  }

  return (req, res, next) => {
    if (perMinute <= 0) return next();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const count = hit(ip);
    if (count <= perMinute) return next();
    // One line per window and client, not one per refused request.
    if (count === perMinute + 1) {
      forRequest(logger, requestIdOf(req)).warn(
        { ip, path: req.originalUrl, code: 'HTTP_RATE_LIMITED' satisfies LogCode },
        'too many requests from one client',
      );
    }
    res.set('retry-after', String(WINDOW_MS / 1000));
    res.status(429).json({ error: 'too many requests' });
  };
}
