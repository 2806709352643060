/**
 * What each platform adapter gives the server: the path it answers on and
 * one express handler for it. The server mounts them without knowing what
 * is behind (botbuilder's CloudAdapter, Bolt's receiver).
 */
import type { RequestHandler } from 'express';
import type { Reply } from '../core/contract.js';

export interface Endpoint {
  path: string;
  handler: RequestHandler;
  /**
   * The same handling for a POST to exactly `path` (a query allowed), which
   * the server calls without express's routing (server/direct-routes.ts), as
   * `handler` mounted at `path` would run: `req.url` is what follows the
   * path (`/`, `/?a=1`), `req.baseUrl` the path, and `next(error)` reaches
   * the server's error handler. Every other request goes to `handler`.
   */
  post?: RequestHandler;
}

/**
 * Posts a reply outside any turn, where a stored address points (a Teams
 * conversation reference, a Slack channel and thread): the hand-off status
 * callback's way back to the person. Each platform adapter gives one.
 */
export type Notify = (address: unknown, reply: Reply) => Promise<void>;
