/**
 * Operations routes beside the platform endpoints: `GET /readyz` (can this
 * instance take work now: the state store answers, the knowledge is loaded,
 * it is not shutting down) and `GET /metrics` (Prometheus text format), and
 * the request-id middleware that puts one id on every log line of a request.
 */
import express, { type RequestHandler, type Router } from 'express';
import { newRequestId, withRequestId } from '../observability/request-context.js';

export interface OpsParts {
  /** Resolves to null when ready, or to the reason it is not. */
  notReady(): Promise<string | null>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

export function opsRoutes(parts: OpsParts): Router {
  const router = express.Router();
  router.get('/readyz', async (_req, res) => {
    const reason = await parts.notReady();
    if (reason) res.status(503).json({ status: 'not ready', reason });
    else res.json({ status: 'ready' });
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await parts.metrics();
    res.type(contentType).send(body);
  });
  return router;
}

/** Opens a request context (X-Request-Id kept when sent) and echoes the id back. */
export const requestIds: RequestHandler = (req, res, next) => {
  const id = newRequestId(req.get('x-request-id'));
  res.setHeader('x-request-id', id);
  withRequestId(id, next);
};
