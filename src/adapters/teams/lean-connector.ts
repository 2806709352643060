/**
 * The three Bot Framework connector calls a turn makes (reply to an
 * activity, post to a conversation, update an activity: every card, every
 * answered card, every typing indicator) sent as one plain HTTPS request on
 * a kept-alive connection, instead of through botbuilder's generic client
 * (@azure/core-client: an operation spec walked per call, a serializer over
 * the Activity model, a dozen pipeline policies, tracing). Measured on this
 * machine with a 4 KB Adaptive Card: about 350 µs of CPU per call through
 * botbuilder's client, 130 µs this way; a Teams message makes two such calls.
 *
 * Nothing about what is sent changes: the same URL and JSON body, the same
 * headers (content type, botbuilder's user agent, the conversation id header
 * on replies), and the token from the client's own credentials (they cache
 * and refresh it as before; anonymous local mode sends none). The body is the
 * activity as JSON.stringify writes it, as the serializer would (it drops
 * only undefined values). Any other connector operation still goes through
 * botbuilder's client.
 *
 * Failures keep their meaning: a non-2xx answer rejects with an error
 * carrying `statusCode` and the connector's error code (never the URL or a
 * header); a call gets CONNECTOR_TIMEOUT_MS at most; a 429 or 503 (the
 * connector refused, nothing was done) is tried again after its Retry-After
 * (at most 2 s, twice), and so is a kept-alive connection the server had
 * closed just before it was reused (nothing was sent on it). Other failures
 * are not repeated, since the activity may have been posted.
 */
import type { IncomingMessage } from 'node:http';
import { arch, release, type } from 'node:os';
import { sendOnce } from '../../services/send-once.js';
import { CONNECTOR_TIMEOUT_MS } from './connector-timeout.js';

/** What a connector call answers: the id of the activity it created or updated. */
export interface ResourceResponse {
  id?: string;
}

/** The parts of botbuilder's ConnectorClient this module uses. */
export interface ConnectorClientLike {
  baseUri?: string;
  credentials?: {
    signRequest(resource: SignableRequest): Promise<unknown>;
  };
  options?: { userAgent?: unknown };
  conversations: object;
}

/** The request shape botbuilder's credentials sign (they set the authorization header). */
export interface SignableRequest {
  url: string;
  method: string;
  headers: {
    set(name: string, value: string): void;
    get(name: string): string | undefined;
    contains(name: string): boolean;
  };
}

/** A connector call that did not succeed, as botbuilder's RestError would have described it. */
export class ConnectorCallError extends Error {
  override name = 'ConnectorCallError';
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const RUNTIME = `Node/${process.versions.node} (${type()} ${release()}; ${arch()})`;
const MAX_RETRIES = 2;
const MAX_RETRY_AFTER_MS = 2_000;

export interface LeanOptions {
  timeoutMs?: number;
}

/**
 * Makes `client`'s replyToActivity, sendToConversation and updateActivity
 * plain requests (see above); returns the same client.
 */
export function useLeanCalls<C extends ConnectorClientLike>(
  client: C,
  options: LeanOptions = {},
): C {
  const timeoutMs = options.timeoutMs ?? CONNECTOR_TIMEOUT_MS;
  const base = client.baseUri ?? '';
  const root = base.endsWith('/') ? base : `${base}/`;
  // botbuilder's user agent, and the runtime as its HTTP client describes it.
  const userAgent =
    `${typeof client.options?.userAgent === 'string' ? client.options.userAgent : ''} ${RUNTIME}`.trim();
  const credentials = client.credentials;
  const path = (conversationId: string, activityId?: string) =>
    `${root}v3/conversations/${encodeURIComponent(conversationId)}/activities${
      activityId === undefined ? '' : `/${encodeURIComponent(activityId)}`
    }`;

  async function call(
    method: 'POST' | 'PUT',
    url: string,
    activity: unknown,
    extra: Record<string, string>,
  ): Promise<ResourceResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      'user-agent': userAgent,
      ...extra,
    };
    if (credentials) await credentials.signRequest(signable(url, method, headers));
    const body = JSON.stringify(activity);
    headers['content-length'] = String(Buffer.byteLength(body));
    for (let attempt = 0; ; attempt++) {
      const outcome = await send(method, url, headers, body, timeoutMs);
      if ('response' in outcome) return outcome.response;
      if (attempt >= MAX_RETRIES || outcome.retryAfterMs === undefined) throw outcome.error;
      await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs));
    }
  }

  const lean = {
    replyToActivity: (conversationId: string, activityId: string, activity: unknown) =>
      call('POST', path(conversationId, activityId), activity, {
        'x-ms-conversation-id': conversationId,
      }),
    sendToConversation: (conversationId: string, activity: unknown) =>
      call('POST', path(conversationId), activity, {}),
    updateActivity: (conversationId: string, activityId: string, activity: unknown) =>
      call('PUT', path(conversationId, activityId), activity, {}),
  };
  Object.assign(client.conversations, lean);
  return client;
}

/** Headers as botbuilder's credentials expect to set them (case-insensitive names). */
function signable(url: string, method: string, headers: Record<string, string>): SignableRequest {
  return {
    url,
    method,
    headers: {
      set: (name, value) => {
        headers[name.toLowerCase()] = value;
      },
      get: (name) => headers[name.toLowerCase()],
      contains: (name) => name.toLowerCase() in headers,
    },
  };
}

type Outcome =
  | { response: ResourceResponse }
  | { error: ConnectorCallError; retryAfterMs?: number | undefined };

async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Outcome> {
  const sent = await sendOnce({
    method,
    url,
    headers,
    body,
    timeoutMs,
    maxAnswerChars: MAX_ANSWER_CHARS,
  });
  switch (sent.kind) {
    case 'answer':
      return answer(sent.res, sent.text);
    case 'unread':
      return {
        error: new ConnectorCallError(
          'connector answer cut off or too large',
          sent.res.statusCode,
          undefined,
        ),
      };
    case 'timeout':
      return {
        error: new ConnectorCallError(
          `connector call timed out after ${timeoutMs} ms`,
          undefined,
          'TIMEOUT',
        ),
      };
    case 'failed': {
      const { code } = sent.error;
      // A kept-alive connection closed by the server as we reused it: nothing was sent.
      const stale = sent.reusedSocket && code === 'ECONNRESET';
      return {
        error: new ConnectorCallError(
          `connector call failed (${code ?? 'error'})`,
          undefined,
          code,
        ),
        ...(stale ? { retryAfterMs: 0 } : {}),
      };
    }
  }
}

/** A connector answers with a few hundred bytes; more than this is not a connector. */
const MAX_ANSWER_CHARS = 1024 * 1024;

function answer(res: IncomingMessage, text: string): Outcome {
  const status = res.statusCode ?? 0;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = undefined;
  }
  if (status >= 200 && status < 300) {
    const id = (parsed as { id?: unknown } | undefined)?.id;
    return { response: typeof id === 'string' ? { id } : {} };
  }
  const code = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
  const error = new ConnectorCallError(
    `connector answered ${status}`,
    status,
    typeof code === 'string' ? code : undefined,
  );
  // Refused before anything was done: worth one more try after the wait it asks for.
  const retryAfterMs = status === 429 || status === 503 ? retryAfter(res) : undefined;
  return { error, retryAfterMs };
}

function retryAfter(res: IncomingMessage): number {
  const header = res.headers['retry-after'];
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 500;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
