/**
 * The gate in front of Bolt. Bolt checks the signature, then parses the body
 * and assumes it is an object it can route: a signed `null`, array or
 * `{"type":"event_callback","event":""}` ends in a 500, and a request no
 * listener takes (another command, an interactive type we do not use) holds
 * its connection for three seconds before a 404. So the body is read here
 * once, its signature checked (401, one log line), its shape checked (400),
 * and requests with nothing for us acknowledged at once (200).
 *
 * This is the one signature check (Bolt's own `isValidSlackRequest`; the
 * receiver behind it is built with `signatureVerification: false`, see
 * create-slack-app.ts) and the one parse: a command, event or click goes to
 * Bolt's request handler with the body parsed here, as Bolt's receiver would
 * have parsed it. Only Slack's set-up requests (`ssl_check`,
 * `url_verification`) go on to the receiver's router, with the same bytes as
 * `req.rawBody` (which Bolt reads instead of the stream).
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

/**
 * What to do with a signed body: Bolt's (`body` as Bolt's receiver parses it:
 * a command's form fields, a click's `payload`, an event's JSON), Slack's
 * set-up requests (left to the receiver's router), answered at once, or refused.
 */
export type Read =
  | { verdict: 'bolt'; body: Record<string, unknown> }
  | { verdict: 'setup' }
  | { verdict: 'nothing-for-us' }
  | { verdict: 'bad-shape' };

/** Slack's ids (T…, C…, U…, E…): upper-case letters and digits. `toString` is not one. */
const SLACK_ID = /^[A-Z0-9]{1,64}$/;
const idOrAbsent = (value: unknown) =>
  value === undefined || (typeof value === 'string' && SLACK_ID.test(value));

export function readSlackBody(
  text: string,
  contentType: string | undefined,
  command: string,
): Read {
  const bolt = (body: Record<string, unknown>): Read => ({ verdict: 'bolt', body });
  const say = (verdict: 'setup' | 'nothing-for-us' | 'bad-shape'): Read => ({ verdict });
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parse(text);
      if (form.payload === undefined) {
        if (form.ssl_check !== undefined) return say('setup');
        if (form.command !== command) return say('nothing-for-us');
        const ids = [form.team_id, form.channel_id, form.user_id, form.enterprise_id];
        return ids.every(idOrAbsent) && form.team_id !== undefined ? bolt(form) : say('bad-shape');
      }
      const payload: unknown = typeof form.payload === 'string' ? JSON.parse(form.payload) : null;
      if (!isObject(payload) || typeof payload.type !== 'string') return say('bad-shape');
      return payload.type === 'block_actions' ? bolt(payload) : say('nothing-for-us');
    }
    const body: unknown = JSON.parse(text);
    if (!isObject(body) || typeof body.type !== 'string') return say('bad-shape');
    if (body.type === 'url_verification') return say('setup');
    if (!idOrAbsent(body.team_id) || !idOrAbsent(body.enterprise_id)) return say('bad-shape');
    if (body.type !== 'event_callback') return say('nothing-for-us');
    return isObject(body.event) && typeof body.event.type === 'string'
      ? bolt(body)
      : say('bad-shape');
  } catch {
    return say('bad-shape');
  }
}

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Bolt's request handler, given a request whose `body` is already parsed. */
export type BoltHandler = (req: Request, res: express.Response) => Promise<void>;

export function checkSlackBody(
  signingSecret: string,
  command: string,
  logger: Logger,
  handle: BoltHandler,
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
      const read = readSlackBody(text, header(req, 'content-type'), command);
      if (read.verdict === 'bad-shape') return refuse(res, 400, 'unexpected body');
      if (read.verdict === 'nothing-for-us') {
        res.status(200).end();
        return;
      }
      (req as Request & { rawBody: Buffer }).rawBody = raw;
      if (read.verdict === 'setup') return next();
      req.body = read.body;
      handle(req, res).catch(next);
    },
  ];
}
