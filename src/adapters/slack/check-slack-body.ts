/**
 * The gate in front of Bolt. Bolt checks the signature, then parses the body
 * and assumes it is an object it can route: a signed `null`, array or
 * `{"type":"event_callback","event":""}` ends in a 500, and a request no
 * listener takes (another command, an interactive type we do not use) holds
 * its connection for three seconds before a 404. So the body is read here
 * once, its signature checked (401, one log line), its shape checked (400),
 * and requests with nothing for us acknowledged at once (200).
 *
 * This is the one signature check (verify-signature.ts, Bolt's rules; the
 * receiver behind it is built with `signatureVerification: false`, see
 * create-slack-app.ts) and the one parse: a command, event or click goes to
 * Bolt's request handler with the body parsed here, as Bolt's receiver would
 * have parsed it. Only Slack's set-up requests (`ssl_check`,
 * `url_verification`) go on to the receiver's router, with the same bytes as
 * `req.rawBody` (which Bolt reads instead of the stream).
 *
 * The edge: a signed, well-formed slash command that the work queue would
 * turn away (full, or not draining) is answered "busy" here, with the bytes
 * the command listener's `ack(busyNote)` would send through Bolt (status 200,
 * `content-type: application/json`, the note's JSON), without entering Bolt:
 * under overload most commands are these, and Bolt's request handling was
 * most of their cost. Commands the queue would take, events, clicks and
 * set-up requests go through Bolt as before.
 */
import { parse } from 'node:querystring';
import express, { type NextFunction, type Request, type RequestHandler } from 'express';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { forRequest } from '../../logging/request-logger.js';
import { requestIdOf } from '../../observability/request-context.js';
import { refuseFutureRequests } from './refuse-future-requests.js';
import { isSignedBySlack } from './verify-signature.js';

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
  | { verdict: 'bolt'; kind: 'command' | 'click' | 'event'; body: Record<string, unknown> }
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
  const bolt = (kind: 'command' | 'click' | 'event', body: Record<string, unknown>): Read => ({
    verdict: 'bolt',
    kind,
    body,
  });
  const say = (verdict: 'setup' | 'nothing-for-us' | 'bad-shape'): Read => ({ verdict });
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parse(text);
      if (form.payload === undefined) {
        if (form.ssl_check !== undefined) return say('setup');
        if (form.command !== command) return say('nothing-for-us');
        const ids = [form.team_id, form.channel_id, form.user_id, form.enterprise_id];
        return ids.every(idOrAbsent) && form.team_id !== undefined
          ? bolt('command', form)
          : say('bad-shape');
      }
      const payload: unknown = typeof form.payload === 'string' ? JSON.parse(form.payload) : null;
      if (!isObject(payload) || typeof payload.type !== 'string') return say('bad-shape');
      return payload.type === 'block_actions' ? bolt('click', payload) : say('nothing-for-us');
    }
    const body: unknown = JSON.parse(text);
    if (!isObject(body) || typeof body.type !== 'string') return say('bad-shape');
    if (body.type === 'url_verification') return say('setup');
    if (!idOrAbsent(body.team_id) || !idOrAbsent(body.enterprise_id)) return say('bad-shape');
    if (body.type !== 'event_callback') return say('nothing-for-us');
    return isObject(body.event) && typeof body.event.type === 'string'
      ? bolt('event', body)
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

export interface SlackGate {
  signingSecret: string;
  command: string;
  logger: Logger;
  /** Bolt's request handler: commands, events and clicks, their bodies parsed here. */
  handle: BoltHandler;
  /** Slack's set-up requests (ssl_check, url_verification): the receiver's router. */
  setup: RequestHandler;
  /**
   * Asked before a signed slash command enters Bolt: 'taken' lets it in;
   * anything else (the work queue would turn it away) is answered at once
   * with `busyAck`, exactly as the command listener's `ack(busyNote)` would
   * answer it, without Bolt. Unset: every command goes to Bolt.
   */
  turnAway?: () => string;
  /** The acknowledgement that says "busy" (what the listener would `ack()` with). */
  busyAck?: object;
  nowMs?: () => number;
}

/** What a "busy" acknowledgement is sent with (Bolt's buildContentResponse for an object). */
const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The gate as one express handler: future timestamps, the body, the signature, the shape. */
export function checkSlackBody(gate: SlackGate): RequestHandler {
  const { signingSecret, command, logger, handle, setup, turnAway } = gate;
  const nowMs = gate.nowMs ?? Date.now;
  const refuse = (req: Request, res: express.Response, status: number, reason: string) => {
    forRequest(logger, requestIdOf(req)).info(
      { status, reason, code: 'SLACK_REJECTED' satisfies LogCode },
      'slack request refused',
    );
    res.status(status).json({ error: reason });
  };
  // Bolt's ack(body) for an object: buildContentResponse in its HTTPModuleFunctions (status 200,
  // content-type application/json, the JSON), built once for every "busy" acknowledgement.
  const busyJson = gate.busyAck ? JSON.stringify(gate.busyAck) : undefined;
  const future = refuseFutureRequests(logger, nowMs);
  const fallback = express.raw({ type: () => true, limit: SLACK_BODY_LIMIT });
  const checked = (req: Request, res: express.Response, next: NextFunction): void => {
    const raw = Buffer.isBuffer(req.body) ? req.body : EMPTY;
    const signed = isSignedBySlack(
      signingSecret,
      header(req, 'x-slack-signature'),
      header(req, 'x-slack-request-timestamp'),
      raw,
      nowMs(),
    );
    if (!signed) {
      refuse(req, res, 401, 'invalid or stale signature');
      return;
    }
    const read = readSlackBody(raw.toString(), header(req, 'content-type'), command);
    if (read.verdict === 'bad-shape') {
      refuse(req, res, 400, 'unexpected body');
      return;
    }
    if (read.verdict === 'nothing-for-us') {
      res.status(200).end();
      return;
    }
    if (
      read.verdict === 'bolt' &&
      read.kind === 'command' &&
      busyJson !== undefined &&
      turnAway &&
      turnAway() !== 'taken'
    ) {
      res.writeHead(200, JSON_HEADERS);
      res.end(busyJson);
      return;
    }
    (req as Request & { rawBody: Buffer }).rawBody = raw;
    if (read.verdict === 'setup') {
      setup(req, res, next);
      return;
    }
    req.body = read.body;
    handle(req, res).catch(next);
  };
  return (req, res, next) =>
    future(req, res, () => {
      if (!readPlainBody(req, res, next, checked)) {
        fallback(req, res, (error?: unknown) => (error ? next(error) : checked(req, res, next)));
      }
    });
}

const EMPTY = Buffer.alloc(0);
const LIMIT_BYTES = 1024 * 1024;

/** A plain body being read: what to call once it is in, and its bytes so far. */
interface Reading {
  res: express.Response;
  next: NextFunction;
  then: (req: Request, res: express.Response, next: NextFunction) => void;
  first: Buffer | undefined;
  more: Buffer[] | undefined;
}

const READING = Symbol('wuerror.slackBody');
type ReadingRequest = Request & { [READING]?: Reading | undefined };

/**
 * express.raw() for Slack's own requests without its machinery (type-is,
 * raw-body, http-errors, on-finished per request): a body with a
 * Content-Length within the limit and no content or transfer encoding is
 * read into `req.body` as one Buffer, then `then(req, res, next)` runs (an
 * aborted request goes to `next` with express.raw's error instead).
 * Anything else returns false and is left to express.raw (gzip, chunked,
 * over the limit: its refusals and their `type` are the ones the server's
 * error handler knows).
 *
 * The stream's listeners are module functions (an emitter calls them with
 * the request as `this`) and the state one object on the request: no
 * closures per request (a per-request closure, or an AsyncResource.bind
 * wrapper, kept everything it reaches, the request, its response, the
 * body, through every scavenge until the next full mark).
 */
function readPlainBody(
  req: Request,
  res: express.Response,
  next: NextFunction,
  then: Reading['then'],
): boolean {
  const headers = req.headers;
  const length = headers['content-length'];
  const encoding = headers['content-encoding'];
  const plain =
    (encoding === undefined || encoding.toLowerCase() === 'identity') &&
    headers['transfer-encoding'] === undefined &&
    length !== undefined &&
    /^[0-9]{1,9}$/.test(length) &&
    Number(length) <= LIMIT_BYTES &&
    !req.readableEnded &&
    req.body === undefined;
  if (!plain) return false;
  (req as ReadingRequest)[READING] = {
    res,
    next,
    then,
    first: undefined,
    more: undefined,
  };
  req.on('data', onBodyData);
  req.on('end', onBodyEnd);
  req.on('error', onBodyAborted);
  req.on('close', onBodyAborted);
  return true;
}

function onBodyData(this: ReadingRequest, chunk: Buffer): void {
  const reading = this[READING];
  if (!reading) return;
  if (reading.first === undefined) reading.first = chunk;
  else if (reading.more) reading.more.push(chunk);
  else reading.more = [reading.first, chunk];
}

function onBodyEnd(this: ReadingRequest): void {
  settle(this, undefined);
}

// The connection went away before the whole body (Node's parser holds to Content-Length).
function onBodyAborted(this: ReadingRequest): void {
  settle(
    this,
    Object.assign(new Error('request aborted'), {
      status: 400,
      statusCode: 400,
      type: 'request.aborted',
      expose: true,
    }),
  );
}

/** Once: the listeners off, then the body (or the error) on. */
function settle(req: ReadingRequest, error: Error | undefined): void {
  const reading = req[READING];
  if (!reading) return;
  req[READING] = undefined;
  req.off('data', onBodyData);
  req.off('end', onBodyEnd);
  req.off('error', onBodyAborted);
  req.off('close', onBodyAborted);
  bodyRead(req, reading, error);
}

function bodyRead(req: Request, reading: Reading, error: Error | undefined): void {
  if (error) {
    reading.next(error);
    return;
  }
  req.body = reading.more ? Buffer.concat(reading.more) : (reading.first ?? Buffer.alloc(0));
  reading.then(req, reading.res, reading.next);
}
