/**
 * The platforms' endpoints without express's router in front. Every Teams
 * message and every Slack request is a POST to exactly `/api/messages` or
 * `/slack/events`; through express each walked the app's router (request
 * ids, /metrics, the health routes, the mount with its prefix trimmed) and,
 * for Teams, a second router and a route: about 8% of a Teams message's
 * allocated bytes, more of a Slack "busy" ack's. Such a request is handled
 * here instead, by the same handlers in the same order, with what express
 * would have given them:
 *   express's request and response prototypes (req.get, req.ip with the
 *   app's `trust proxy`, res.status/json), req.res and res.req, res.locals,
 *   req.originalUrl; the `before` handlers (request ids, /metrics) with the
 *   full URL, then the flood guard and the endpoint's `post` handler with
 *   the URL as mounted at the endpoint's path (`req.url` = `/` plus the
 *   query, `req.baseUrl` = the path), and any `next(error)` (or a thrown
 *   error or rejected promise, as express 5 takes them) to the server's error
 *   handler, a `next()` past the last handler to its 404.
 * Anything else (another method, a trailing slash, other letter case, other
 * paths) goes to express, which still serves the same paths mounted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Endpoint } from './endpoint.js';

export type ErrorHandler = (error: unknown, req: Request, res: Response) => void;
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

interface Direct {
  path: string;
  handlers: RequestHandler[];
}

export function directRoutes(options: {
  app: Express;
  endpoints: Endpoint[];
  /** Run first, with the full URL (as mounted at `/`). */
  before: RequestHandler[];
  /** Run before each endpoint's handler, as mounted at its path (the flood guard). */
  guard: RequestHandler[];
  onError: ErrorHandler;
  notFound: (req: Request, res: Response) => void;
}): RequestListener {
  const { app, before, onError, notFound } = options;
  const routes = new Map<string, Direct>();
  for (const endpoint of options.endpoints) {
    if (endpoint.post) {
      routes.set(endpoint.path, {
        path: endpoint.path,
        handlers: [...options.guard, endpoint.post],
      });
    }
  }

  function dispatch(route: Direct, req: Request, res: Response, query: string): void {
    // What express's app.handle and its router set up before the first handler.
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    if (!res.locals) res.locals = Object.create(null);
    const url = req.url;
    req.originalUrl = url;
    req.baseUrl = '';
    // Express restores the URL when an error or a `next()` leaves a mounted handler.
    const unmount = () => {
      req.url = url;
      req.baseUrl = '';
    };
    let index = 0;
    let mounted = false;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== 'route' && error !== 'router') {
        unmount();
        onError(error, req, res);
        return;
      }
      if (index === before.length && !mounted) {
        mounted = true;
        req.url = `/${query}`;
        req.baseUrl = route.path;
      }
      const handler = index < before.length ? before[index] : route.handlers[index - before.length];
      index++;
      if (!handler) {
        unmount();
        notFound(req, res);
        return;
      }
      run(handler, req, res, next);
    };
    next();
  }

  return (req, res) => {
    if (req.method === 'POST' && req.url !== undefined) {
      const url = req.url;
      const at = url.indexOf('?');
      const route = routes.get(at === -1 ? url : url.slice(0, at));
      if (route) {
        dispatch(route, req as Request, res as Response, at === -1 ? '' : url.slice(at));
        return;
      }
    }
    app(req, res);
  };
}

/** As express 5 calls a handler: a throw or a rejected promise becomes `next(error)`. */
function run(handler: RequestHandler, req: Request, res: Response, next: NextFunction): void {
  try {
    const returned: unknown = handler(req, res, next);
    if (returned instanceof Promise) {
      returned.then(undefined, (error: unknown) => next(error || new Error('Rejected promise')));
    }
  } catch (error) {
    next(error);
  }
}
