/**
 * The gate in front of Bolt. Bolt checks the signature, then parses the body
 * and assumes it is an object it can route: a signed `null`, array or
 * `{"type":"event_callback","event":""}` ends in a 500, and a request no
 * listener takes (another command, an interactive type we do not use) holds
 * its connection for three seconds before a 404. So the body is read here
 * once, its signature checked (401, one log line), its shape checked (400),
 * requests with nothing for us acknowledged at once (200), and the rest handed
 * to Bolt with the same bytes as `req.rawBody` (which Bolt reads instead of
 * the stream, so its own signature check sees the same body).
 */
import { parse } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import express, { type Request, type RequestHandler } from 'express';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';

/** Slack's own requests are small; a message event with blocks stays well under this. */
export const SLACK_BODY_LIMIT = '1mb';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Verdict = 'bolt' | 'nothing-for-us' | 'bad-shape';

/** Slack's ids (T…, C…, U…, E…): upper-case letters and digits. `toString` is not one. */
const SLACK_ID = /^[A-Z0-9]{1,64}$/;
const idOrAbsent = (value: unknown) =>
  value === undefined || (typeof value === 'string' && SLACK_ID.test(value));

/** What to do with a signed body: Bolt's, answered at once, or refused. */
export function routeOf(text: string, contentType: string | undefined, command: string): Verdict {
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parse(text);
      if (form.payload === undefined) {
        if (form.ssl_check !== undefined) return 'bolt';
        if (form.command !== command) return 'nothing-for-us';
        const ids = [form.team_id, form.channel_id, form.user_id, form.enterprise_id];
        return ids.every(idOrAbsent) && form.team_id !== undefined ? 'bolt' : 'bad-shape';
      }
      const payload: unknown = typeof form.payload === 'string' ? JSON.parse(form.payload) : null;
      if (!isObject(payload) || typeof payload.type !== 'string') return 'bad-shape';
      return payload.type === 'block_actions' ? 'bolt' : 'nothing-for-us';
    }
    const body: unknown = JSON.parse(text);
    if (!isObject(body) || typeof body.type !== 'string') return 'bad-shape';
    if (body.type === 'url_verification') return 'bolt';
    if (!idOrAbsent(body.team_id) || !idOrAbsent(body.enterprise_id)) return 'bad-shape';
    if (body.type !== 'event_callback') return 'nothing-for-us';
    return isObject(body.event) && typeof body.event.type === 'string' ? 'bolt' : 'bad-shape';
  } catch {
    return 'bad-shape';
  }
}

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function checkSlackBody(
  signingSecret: string,
  command: string,
  logger: Logger,
): RequestHandler[] {
  const refuse = (res: express.Response, status: number, reason: string) => {
    logger.info(
      { status, reason, code: 'SLACK_REJECTED' satisfies LogCode },
      'slack request refused',
    );
    res.status(status).json({ error: reason });
  };
  return [
    express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }),
    (req, res, next) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const text = raw.toString();
      const signature = header(req, 'x-slack-signature');
      const timestamp = Number(header(req, 'x-slack-request-timestamp'));
      const signed =
        signature !== undefined &&
        Number.isFinite(timestamp) &&
        isValidSlackRequest({
          signingSecret,
          body: text,
          headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        });
      if (!signed) return refuse(res, 401, 'invalid or stale signature');
      const verdict = routeOf(text, header(req, 'content-type'), command);
      if (verdict === 'bad-shape') return refuse(res, 400, 'unexpected body');
      if (verdict === 'nothing-for-us') {
        res.status(200).end();
        return;
      }
      (req as Request & { rawBody: Buffer }).rawBody = raw;
      next();
    },
  ];
}
