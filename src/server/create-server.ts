/**
 * The one HTTP server of the product: Bot Framework messages, Slack events
 * (when configured) and a health check. Routes only move bytes to adapters.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { TeamsBot } from '../adapters/teams/create-teams-bot.js';

export interface ServerParts {
  teams: TeamsBot;
  /** Mounts the Slack routes on the app, when Slack is configured. */
  mountSlack?: (app: Express) => void;
  logger: Logger;
}

export function createServer(parts: ServerParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', slack: parts.mountSlack ? 'on' : 'off' });
  });
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await parts.teams.adapter.process(req, res, (context) => parts.teams.handle(context));
  });
  parts.mountSlack?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Malformed JSON and the like: a clear 4xx, never a stack trace.
  app.use(
    (error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) parts.logger.error({ err: error, code: 'HTTP_FAILED' }, 'request failed');
      res.status(status).json({ error: status === 500 ? 'internal error' : 'bad request' });
    },
  );
  return app;
}
