/**
 * Operations routes beside the platform endpoints: `GET /metrics`
 * (Prometheus text format), and the request-id middleware that gives every
 * request its id. (`/readyz` is the server's own.)
 */
import type { RequestHandler } from 'express';
import { newRequestId, setRequestId } from '../observability/request-context.js';

export interface OpsParts {
  metrics(): Promise<{ contentType: string; body: string }>;
}

/**
 * `GET /metrics` (and HEAD, as express routes GET), with or without a
 * trailing slash, any case, as an express Router would match it; every other
 * request passes on. A plain function rather than a Router: every request
 * of the server goes through it, and a Router's matching cost each of them
 * a second routing pass.
 */
export function opsRoutes(parts: OpsParts): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !METRICS_PATH.test(req.path)) {
      next();
      return;
    }
    parts.metrics().then(({ contentType, body }) => {
      res.type(contentType).send(body);
    }, next);
  };
}

const METRICS_PATH = /^\/metrics\/?$/i;

/**
 * Gives every request its id (X-Request-Id kept when sent), kept on the
 * request for its handlers' log lines (requestIdOf), and echoes it back.
 */
export const requestIds: RequestHandler = (req, res, next) => {
  const id = newRequestId(req.get('x-request-id'));
  res.setHeader('x-request-id', id);
  setRequestId(req, id);
  next();
};
