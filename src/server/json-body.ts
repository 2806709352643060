/**
 * express.json() for the common case without its machinery. Every Teams
 * activity arrives as `application/json` (or with `; charset=utf-8`), with
 * a Content-Length and no content encoding; for those the body is read,
 * decoded as UTF-8 and parsed here with the same rules as body-parser's
 * strict JSON parser (a body must start with `{` or `[`; a byte-order mark
 * is dropped, as its decoder drops it). In a CPU profile of Teams messages,
 * body-parser and what it calls per request (type-is, content-type,
 * raw-body, iconv-lite, http-errors, on-finished) were about 3.5% of the
 * samples. Anything else (another media type, a charset parameter spelled
 * otherwise, gzip, chunked, no length, over the limit) goes to express.json
 * itself, so refusals and their `type` (entity.parse.failed, ...) are the
 * ones the server's error handler already knows.
 */
import express, { type RequestHandler } from 'express';

/** An error as body-parser raises it: the server's error handler reads `status` and `type`. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

const PLAIN_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
/** What JSON allows before its first token. */
const LEADING_SPACE = /^[ \t\n\r]*/;

export function jsonBody(options: { limitBytes: number }): RequestHandler {
  const { limitBytes } = options;
  const fallback = express.json({ limit: limitBytes });
  return (req, res, next) => {
    const headers = req.headers;
    const type = headers['content-type'];
    const length = headers['content-length'];
    const encoding = headers['content-encoding'];
    const plain =
      type !== undefined &&
      PLAIN_TYPES.has(type.toLowerCase()) &&
      (encoding === undefined || encoding.toLowerCase() === 'identity') &&
      headers['transfer-encoding'] === undefined &&
      length !== undefined &&
      /^[1-9][0-9]{0,8}$/.test(length) &&
      Number(length) <= limitBytes &&
      !req.readableEnded &&
      !('body' in req && req.body !== undefined);
    if (!plain) {
      fallback(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onAborted);
      if (error) return next(error);
      let text = Buffer.concat(chunks).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = text.charAt(LEADING_SPACE.exec(text)?.[0].length ?? 0);
      if (first !== '{' && first !== '[') {
        return next(bodyError(400, 'entity.parse.failed', 'JSON body must be an object or array'));
      }
      try {
        req.body = JSON.parse(text);
      } catch {
        return next(bodyError(400, 'entity.parse.failed', 'malformed JSON'));
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    // The connection went away before the whole body (Node's parser holds to Content-Length).
    const onAborted = () => finish(bodyError(400, 'request.aborted', 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('close', onAborted);
  };
}
