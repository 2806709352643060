/**
 * Operations routes beside the platform endpoints: `GET /metrics`
 * (Prometheus text format), and the request-id middleware that puts one id
 * on every log line of a request. (`/readyz` is the server's own.)
 */
import express, { type RequestHandler, type Router } from 'express';
import { newRequestId, withRequestId } from '../observability/request-context.js';

export interface OpsParts {
  metrics(): Promise<{ contentType: string; body: string }>;
}

export function opsRoutes(parts: OpsParts): Router {
  const router = express.Router();
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
