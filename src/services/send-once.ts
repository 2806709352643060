/**
 * One plain HTTP request on a kept-alive connection, its answer read up to a
 * cap, within a time limit: what the two lean platform clients (Slack's Web
 * API, `adapters/slack/lean-web-api.ts`, and the Bot Framework connector,
 * `adapters/teams/lean-connector.ts`) share. Each maps the outcome to its
 * own errors and retry rules, so this says only what happened.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readCappedBody } from './read-capped-body.js';

export type SendOutcome =
  /** The whole answer, as text. */
  | { kind: 'answer'; res: IncomingMessage; text: string }
  /** An answer came but could not be read to its end: cut off, or past the cap. */
  | { kind: 'unread'; res: IncomingMessage; error: Error }
  /** No answer within the time limit (the request is destroyed). */
  | { kind: 'timeout' }
  /** The request failed; `reusedSocket`: on a kept-alive connection the server had closed. */
  | { kind: 'failed'; error: NodeJS.ErrnoException; reusedSocket: boolean };

export interface SendRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Answers longer than this are not read to the end (see readCappedBody). */
  maxAnswerChars: number;
}

const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

export function sendOnce(send: SendRequest): Promise<SendOutcome> {
  const target = new URL(send.url);
  const secure = target.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const done = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = request(
      target,
      {
        method: send.method,
        headers: send.headers,
        agent: secure ? agents['https:'] : agents['http:'],
      },
      (res) => {
        readCappedBody(res, send.maxAnswerChars).then(
          (text) => done({ kind: 'answer', res, text }),
          (error: Error) => done({ kind: 'unread', res, error }),
        );
      },
    );
    const timer = setTimeout(() => {
      done({ kind: 'timeout' });
      req.destroy();
    }, send.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ kind: 'failed', error, reusedSocket: req.reusedSocket }),
    );
    req.end(send.body);
  });
}
