/**
 * What each platform adapter gives the server: the path it answers on and
 * one express handler for it. The server mounts them without knowing what
 * is behind (botbuilder's CloudAdapter, Bolt's receiver).
 */
import type { RequestHandler } from 'express';

export interface Endpoint {
  path: string;
  handler: RequestHandler;
}
