/**
 * The request id, carried explicitly. The server gives every HTTP request
 * one (ops-routes.ts: an incoming X-Request-Id kept, else a new one, echoed
 * back) and keeps it on the request; whoever handles the request reads it
 * with `requestIdOf` and logs through `forRequest` (logging/request-logger.ts),
 * and passes the id on where the work goes (the core's `run`, Slack's
 * deferred work). A Socket Mode envelope gets its own id where it arrives.
 *
 * Not AsyncLocalStorage: on Node 22 it installs promise hooks that run (and
 * allocate) on every promise of every request, about 4% of a Teams message's
 * allocation, for an id that only a few log lines need.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Where the id sits on the request: a symbol, so it clashes with nothing express or Bolt set. */
const REQUEST_ID = Symbol('wuerror.requestId');

type WithRequestId = IncomingMessage & { [REQUEST_ID]?: string };

/** A short random id; an incoming X-Request-Id is kept when it looks sane. */
export function newRequestId(incoming?: string | undefined): string {
  if (incoming && /^[\w.:-]{1,64}$/.test(incoming)) return incoming;
  return randomUUID().slice(0, 12);
}

/** Gives the request its id (the server does, once, before any route). */
export function setRequestId(req: IncomingMessage, id: string): void {
  (req as WithRequestId)[REQUEST_ID] = id;
}

/** The id the server gave this request; undefined outside the server (a test calling a handler). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return (req as WithRequestId)[REQUEST_ID];
}
