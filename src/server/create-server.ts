/**
 * The one HTTP server of the product: one endpoint per platform adapter
 * (Bot Framework messages, Slack events when configured), a liveness check
 * (`/healthz`, cheap: the process answers) and a readiness check (`/readyz`:
 * the store and the knowledge answer). Routes only move bytes to adapters.
 * A POST to exactly an endpoint's path skips express's router
 * (direct-routes.ts); everything else goes through express.
 */
import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { forRequest } from '../logging/request-logger.js';
import { requestIdOf } from '../observability/request-context.js';
import { directRoutes, type RequestListener } from './direct-routes.js';
import type { Endpoint } from './endpoint.js';
import { limitPerIp } from './rate-limit.js';

/** One readiness check: resolves when its part works, rejects with a short reason. */
export type ReadyCheck = () => Promise<void>;

export interface ServerParts {
  endpoints: Endpoint[];
  /** What /healthz reports besides "ok" (which platforms are on). */
  health: Record<string, string>;
  /** What /readyz runs, by name (store, knowledge); every one must pass. */
  ready?: Record<string, ReadyCheck>;
  /** Requests per client IP per minute on the endpoints, counted per process (0: off). */
  httpLimit?: { perMinute: number };
  /** express's `trust proxy`: who may name the client IP in X-Forwarded-For. */
  trustProxy?: string | number | false;
  logger: Logger;
  /**
   * Mounted first, before the health checks and the endpoints (request ids,
   * /metrics); a request's log lines carry the id they give it (requestIdOf).
   */
  before?: RequestHandler[];
}

/** Short reasons for the body parser's refusals (express's `type` field), never internal text. */
const REASONS: Record<string, string> = {
  'entity.parse.failed': 'malformed JSON',
  'entity.too.large': 'body too large',
  'entity.verify.failed': 'body failed verification',
  'encoding.unsupported': 'unsupported encoding',
  'charset.unsupported': 'unsupported charset',
  'request.aborted': 'request aborted',
  'request.size.invalid': 'body length mismatch',
  'stream.encoding.set': 'bad request',
};

const READY_TIMEOUT_MS = 2_000;

export function createServer(parts: ServerParts): RequestListener {
  const app: Express = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parts.trustProxy ?? false);
  for (const handler of parts.before ?? []) app.use(handler);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...parts.health });
  });
  app.get('/readyz', async (req, res) => {
    const checks: Record<string, string> = {};
    let ready = true;
    for (const [name, check] of Object.entries(parts.ready ?? {})) {
      try {
        await withTimeout(check(), READY_TIMEOUT_MS);
        checks[name] = 'ok';
      } catch (error) {
        ready = false;
        checks[name] = 'failing';
        forRequest(parts.logger, requestIdOf(req)).warn(
          { err: error, check: name, code: 'NOT_READY' satisfies LogCode },
          'readiness check failed',
        );
      }
    }
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  const limit = parts.httpLimit;
  const guard = limit ? [limitPerIp(limit.perMinute, parts.logger)] : [];
  for (const endpoint of parts.endpoints) app.use(endpoint.path, ...guard, endpoint.handler);
  const notFound = (_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  };
  // Malformed JSON and the like: a clear 4xx with a short reason, never a stack trace.
  const onError = (thrown: unknown, req: Request, res: Response) => {
    const error = thrown as Error & { status?: number; type?: string };
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const log = forRequest(parts.logger, requestIdOf(req));
    if (status === 500) {
      log.error({ err: error, code: 'HTTP_FAILED' satisfies LogCode }, 'request failed');
    } else {
      log.info(
        {
          status,
          path: req.originalUrl,
          reason: error.type,
          code: 'HTTP_REJECTED' satisfies LogCode,
        },
        'request rejected',
      );
    }
    if (res.headersSent) return;
    res.status(status).json({
      error: status === 500 ? 'internal error' : (REASONS[error.type ?? ''] ?? 'bad request'),
    });
  };
  app.use(notFound);
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    onError(error, req, res),
  );
  return directRoutes({
    app,
    endpoints: parts.endpoints,
    before: parts.before ?? [],
    guard,
    onError,
    notFound,
  });
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
