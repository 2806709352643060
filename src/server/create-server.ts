/**
 * The one HTTP server of the product: one endpoint per platform adapter
 * (Bot Framework messages, Slack events when configured) and a health check.
 * Routes only move bytes to adapters.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Endpoint } from './endpoint.js';

export interface ServerParts {
  endpoints: Endpoint[];
  /** What /healthz reports besides "ok" (which platforms are on). */
  health: Record<string, string>;
  logger: Logger;
}

export function createServer(parts: ServerParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...parts.health });
  });
  for (const endpoint of parts.endpoints) app.use(endpoint.path, endpoint.handler);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Malformed JSON and the like: a clear 4xx, never a stack trace.
  app.use(
    (error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) {
        parts.logger.error({ err: error, code: 'HTTP_FAILED' satisfies LogCode }, 'request failed');
      }
      res.status(status).json({ error: status === 500 ? 'internal error' : 'bad request' });
    },
  );
  return app;
}
