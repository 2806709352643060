/**
 * The two Web API calls an answer makes (chat.postMessage for each reply,
 * chat.update for a replaced card) sent as one plain HTTP request with a
 * JSON body on a kept-alive connection, instead of through the WebClient
 * (a request queue, p-retry, fetch with its streams and an abort signal per
 * call, the whole request copied and serialised for debug lines it builds
 * whatever the log level, the blocks form-encoded as a JSON string inside a
 * form). Slack's Web API takes these write methods as `application/json`
 * with the token in `Authorization: Bearer`.
 *
 * What is sent means the same: the same URL (SLACK_API_URL honoured), the
 * same arguments (the client's team_id first, as the WebClient adds it;
 * `token` goes in the header, never the body; undefined and null arguments
 * left out), the same user agent. What comes back means the same too: the
 * parsed result, `ok: false` rejected as the WebClient's WebAPIPlatformError
 * (its `data.error` is what `isCannotPost` reads), any other status as
 * WebAPIHTTPError, a network failure or timeout as WebAPIRequestError. The
 * same retry policy: each attempt within the time limit; network failures,
 * timeouts and HTTP errors tried again after the policy's backoff; a 429
 * waits its Retry-After first; `ok: false` is final.
 *
 * With an outbound proxy configured, none of this is used (see createSlack).
 * Every other method still goes through the WebClient.
 */
import type { IncomingMessage } from 'node:http';
import { webApi } from '@slack/bolt';
import { sendOnce } from '../../services/send-once.js';

/** The WebClient's retry settings we use (p-retry's names). */
export interface RetryPolicy {
  retries: number;
  factor: number;
  minTimeout: number;
  maxTimeout: number;
}

export interface LeanOptions {
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
}

/** What of a WebClient the lean calls read (all public on the instance at run time). */
interface ClientLike {
  slackApiUrl: string;
  token?: string | undefined;
  chat: object;
}

type Args = Record<string, unknown> & { token?: unknown };
type Result = webApi.WebAPICallResult & Record<string, unknown>;

/** The methods sent this way. */
export const LEAN_METHODS = ['chat.postMessage', 'chat.update'] as const;

const patched = new WeakSet<object>();
/** A Web API answer is small; more than this is not one. */
const MAX_ANSWER_CHARS = 4 * 1024 * 1024;

/**
 * Makes `client.chat.postMessage` and `client.chat.update` plain requests
 * (see above); every other method is untouched. Patching the same client
 * again does nothing. Returns the client.
 */
export function useLeanChat<C extends object>(client: C, options: LeanOptions): C {
  if (patched.has(client)) return client;
  patched.add(client);
  const target = client as unknown as ClientLike;
  const base = target.slackApiUrl.endsWith('/') ? target.slackApiUrl : `${target.slackApiUrl}/`;
  const fields = client as unknown as {
    teamId?: unknown;
    defaultHeaders?: { 'User-Agent'?: unknown };
  };
  const teamId = typeof fields.teamId === 'string' ? fields.teamId : undefined;
  const userAgent = fields.defaultHeaders?.['User-Agent'];
  const call = (method: string) => (args: Args) =>
    send(`${base}${method}`, body(teamId, args), {
      token: typeof args.token === 'string' && args.token ? args.token : target.token,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      ...options,
    });
  Object.assign(target.chat, {
    postMessage: call('chat.postMessage'),
    update: call('chat.update'),
  });
  return client;
}

/** The arguments as the WebClient sends them: its team_id first, no token, no empty values. */
function body(teamId: string | undefined, args: Args): string {
  const out: Record<string, unknown> = teamId === undefined ? {} : { team_id: teamId };
  for (const key in args) {
    const value = args[key];
    if (key !== 'token' && value !== undefined && value !== null) out[key] = value;
  }
  return JSON.stringify(out);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(
  url: string,
  json: string,
  options: LeanOptions & { token: string | undefined; userAgent: string | undefined },
): Promise<Result> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(json)),
  };
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const { retry } = options;
  for (let attempt = 0; ; attempt++) {
    const outcome = await post(url, headers, json, options.timeoutMs);
    if ('result' in outcome) {
      const result = outcome.result;
      if (result.ok === false)
        throw new webApi.WebAPIPlatformError(result as Result & { error: string });
      return result;
    }
    if (outcome.final || attempt >= retry.retries) throw outcome.error;
    if (outcome.waitMs) await sleep(outcome.waitMs);
    await sleep(Math.min(retry.minTimeout * retry.factor ** attempt, retry.maxTimeout));
  }
}

type Outcome = { result: Result } | { error: Error; final?: boolean; waitMs?: number | undefined };

async function post(
  url: string,
  headers: Record<string, string>,
  json: string,
  timeoutMs: number,
): Promise<Outcome> {
  const sent = await sendOnce({
    method: 'POST',
    url,
    headers,
    body: json,
    timeoutMs,
    maxAnswerChars: MAX_ANSWER_CHARS,
  });
  if (sent.kind === 'answer') return answer(sent.res, sent.text);
  const cause =
    sent.kind === 'timeout'
      ? new Error(`The operation was aborted due to timeout (${timeoutMs} ms)`)
      : sent.error;
  return { error: new webApi.WebAPIRequestError(cause) };
}

/** An answer as the WebClient reads it (makeRequest and buildResult). */
function answer(res: IncomingMessage, text: string): Outcome {
  const status = res.statusCode ?? 0;
  if (status === 429) {
    const seconds = Number.parseInt(String(res.headers['retry-after'] ?? ''), 10);
    if (Number.isNaN(seconds)) {
      return {
        error: new Error(
          `Retry header did not contain a valid timeout (retry-after header: ${res.headers['retry-after']})`,
        ),
        final: true,
      };
    }
    return {
      error: new webApi.WebAPIRequestError(
        new Error(`A rate limit was exceeded (retry-after: ${seconds})`),
      ),
      waitMs: seconds * 1000,
    };
  }
  if (status !== 200) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      error: new webApi.WebAPIHTTPError(status, res.statusMessage ?? '', headers, text),
    };
  }
  let data: Result;
  try {
    data = JSON.parse(text) as Result;
  } catch {
    data = { ok: false, error: text } as Result;
  }
  data.response_metadata ??= {};
  return { result: data };
}
