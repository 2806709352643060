/**
 * Slack, loaded once the server listens rather than before: Bolt, the Web
 * API client and our Slack adapter are about a tenth of start-up, and
 * nothing but Slack needs them. The transport stands in for the real one at
 * once (its mode, its endpoint, notify); loading starts when the server
 * calls start() after listening, or at the first use before that, and a
 * Slack request or notification that comes before it is done waits for it.
 */
import type { NextFunction, Request, Response } from 'express';
import type { SlackTransport } from './create-slack-app.js';
import { SLACK_PATH } from './slack-path.js';

export function deferSlack(
  mode: SlackTransport['mode'],
  load: () => Promise<SlackTransport>,
): SlackTransport {
  let loading: Promise<SlackTransport> | undefined;
  // Once loaded, requests go straight to its endpoint (no promise to wait for per request).
  let ready: SlackTransport | undefined;
  const loaded = () => {
    loading ??= load().then((slack) => {
      ready = slack;
      return slack;
    });
    return loading;
  };
  const handler = (req: Request, res: Response, next: NextFunction) => {
    if (ready?.endpoint) {
      ready.endpoint.handler(req, res, next);
      return;
    }
    loaded().then((slack) => {
      if (!slack.endpoint) return next(new Error('Slack has no HTTP endpoint'));
      return slack.endpoint.handler(req, res, next);
    }, next);
  };
  return {
    mode,
    // Slack's endpoint handles a POST on its path the same routed or not (post is handler).
    endpoint: mode === 'http' ? { path: SLACK_PATH, handler, post: handler } : undefined,
    notify: async (address, reply) => (await loaded()).notify(address, reply),
    start: async () => (await loaded()).start(),
    // Never loaded: nothing to stop.
    stop: async () => (loading ? (await loading).stop() : undefined),
  };
}
