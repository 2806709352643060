/**
 * The plain chat.postMessage / chat.update calls against the WebClient's own:
 * the same calls sent both ways to one loopback Slack that records them, and
 * compared (URL, token, user agent, every argument, the result), and the
 * same failures (ok:false, HTTP errors, 429 with Retry-After, timeouts)
 * ending the same way after the same number of attempts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isCannotPost } from '../../../src/adapters/slack/create-outbox.js';
import { useLeanChat } from '../../../src/adapters/slack/lean-web-api.js';

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  /** The arguments, whichever way they were encoded (form values JSON-decoded where they are JSON). */
  args: Record<string, unknown>;
}

let server: Server;
let base: string;
let received: Received[] = [];
let answers: Array<{
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}> = [];

/** A form value as the WebClient encoded it: objects, arrays and booleans as JSON. */
const decode = (value: string): unknown => {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' || typeof parsed === 'boolean' ? parsed : value;
  } catch {
    return value;
  }
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      const json = req.headers['content-type']?.startsWith('application/json');
      const args = json
        ? (JSON.parse(text) as Record<string, unknown>)
        : Object.fromEntries(
            [...new URLSearchParams(text)].map(([key, value]) => [key, decode(value)]),
          );
      received.push({ url: req.url ?? '', headers: req.headers, args });
      const next = answers.shift() ?? {
        status: 200,
        body: { ok: true, channel: 'C0HELPDSK', ts: `1700000000.${received.length}` },
      };
      if (next.hang) return;
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  answers = [];
});

const RETRY = { retries: 2, factor: 2, minTimeout: 5, maxTimeout: 10 };
/** Per attempt: long enough that a loaded machine never times a call out by accident... */
const TIMEOUT_MS = 5_000;
/** ...and short, for the test of the time limit itself. */
const SHORT_TIMEOUT_MS = 150;

/** A WebClient as Bolt builds one per workspace (team_id added to every call). */
const webClient = (timeout = TIMEOUT_MS) =>
  new webApi.WebClient('xoxb-workspace-token', {
    slackApiUrl: base,
    timeout,
    retryConfig: RETRY,
    teamId: 'T0TEAM001',
    logLevel: webApi.LogLevel.ERROR,
  });
const both = (timeoutMs = TIMEOUT_MS) => ({
  sdk: webClient(timeoutMs),
  lean: useLeanChat(webClient(timeoutMs), { timeoutMs, retry: RETRY }),
});

const BLOCKS = [
  { type: 'section', text: { type: 'mrkdwn', text: '*0x8024001E* WU_E_SERVICE_STOP' } },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'wuerror:fixed',
        text: { type: 'plain_text', text: 'Fixed' },
        value: '{"a":1}',
      },
    ],
  },
];

/**
 * What the recorded call says, for comparing one way with the other. A token
 * given with the call: the WebClient sends it in the header and in the form
 * as well; a JSON body must not carry it, so only the header counts.
 */
const seen = (call: Received | undefined) => {
  const { token: _inBody, ...args } = call?.args ?? {};
  return {
    url: call?.url,
    authorization: call?.headers.authorization,
    userAgent: call?.headers['user-agent'],
    args,
  };
};

describe('chat.postMessage and chat.update as plain requests', () => {
  it('send what the WebClient sends and give back what it gives', async () => {
    const { sdk, lean } = both();
    const calls = [
      (c: webApi.WebClient) =>
        c.chat.postMessage({
          channel: 'C0HELPDSK',
          thread_ts: '1700000000.000100',
          text: 'fallback "quoted" & ünïcode',
          blocks: BLOCKS,
          unfurl_links: false,
          unfurl_media: false,
        }),
      (c: webApi.WebClient) =>
        c.chat.update({ channel: 'C0HELPDSK', ts: '1700000000.000200', text: 'x', blocks: [] }),
      // A token given with the call wins over the client's, and goes in the header only.
      (c: webApi.WebClient) =>
        c.chat.postMessage({
          token: 'xoxb-other',
          channel: 'D0DM',
          text: 'hi',
          icon_emoji: undefined,
        }),
    ];
    for (const call of calls) {
      received = [];
      const sdkResult = await call(sdk);
      const leanResult = await call(lean);
      expect(received).toHaveLength(2);
      expect(seen(received[1])).toEqual(seen(received[0]));
      expect(received[1]?.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(received[1]?.args.token).toBeUndefined();
      expect({ ...leanResult, ts: 'x' }).toEqual({ ...sdkResult, ts: 'x' });
    }
    expect(received[0]?.headers.authorization).toBe('Bearer xoxb-other');
  });

  it('leave every other method to the WebClient', async () => {
    const { lean } = both();
    await lean.chat.postEphemeral({ channel: 'C0HELPDSK', user: 'U0ASKER01', text: 'only you' });
    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('reject ok:false as the WebClient does, without retrying', async () => {
    const { sdk, lean } = both();
    const failures = [];
    for (const client of [sdk, lean]) {
      answers = [{ status: 200, body: { ok: false, error: 'not_in_channel' } }];
      failures.push(
        await client.chat.postMessage({ channel: 'C0PRIVATE', text: 'x' }).catch((e) => e),
      );
    }
    expect(received).toHaveLength(2);
    for (const error of failures) {
      expect(error).toBeInstanceOf(webApi.WebAPIPlatformError);
      expect(isCannotPost(error)).toBe(true);
    }
    expect(failures[1].message).toBe(failures[0].message);
    expect(failures[1].code).toBe(failures[0].code);
    expect(failures[1].data).toEqual(failures[0].data);
  });

  it('retry HTTP errors and 429s the same number of times, and fail the same way', async () => {
    const { sdk, lean } = both();
    const outcomes = [];
    for (const client of [sdk, lean]) {
      received = [];
      // A 503, then a 429 asking for no wait, then success: three attempts.
      answers = [
        { status: 503, body: { ok: false } },
        { status: 429, headers: { 'retry-after': '0' } },
      ];
      const ok = await client.chat.postMessage({ channel: 'C0HELPDSK', text: 'x' });
      const attemptsToSucceed = received.length;
      received = [];
      answers = [0, 1, 2].map(() => ({ status: 500, body: 'oops' }));
      const error = await client.chat.update({ channel: 'C', ts: '1', text: 'x' }).catch((e) => e);
      outcomes.push({
        ok: ok.ok,
        attemptsToSucceed,
        attemptsToFail: received.length,
        type: error.constructor.name,
        code: error.code,
        statusCode: error.statusCode,
        body: error.body,
      });
    }
    expect(outcomes[0]).toMatchObject({
      ok: true,
      attemptsToSucceed: 3,
      attemptsToFail: 3,
      type: 'WebAPIHTTPError',
      statusCode: 500,
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('give each attempt the time limit, and fail as a request error', async () => {
    const { sdk, lean } = both(SHORT_TIMEOUT_MS);
    const outcomes = [];
    for (const client of [sdk, lean]) {
      received = [];
      answers = [
        { status: 0, hang: true },
        { status: 0, hang: true },
        { status: 0, hang: true },
      ];
      const started = performance.now();
      const error = await client.chat.postMessage({ channel: 'C', text: 'x' }).catch((e) => e);
      outcomes.push({
        attempts: received.length,
        type: error.constructor.name,
        code: error.code,
        slow: performance.now() - started >= 3 * SHORT_TIMEOUT_MS,
      });
    }
    expect(outcomes[0]).toEqual({
      attempts: 3,
      type: 'WebAPIRequestError',
      code: 'slack_webapi_request_error',
      slow: true,
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('patch a client once', async () => {
    const client = webClient();
    const options = { timeoutMs: TIMEOUT_MS, retry: RETRY };
    const first = useLeanChat(client, options).chat.postMessage;
    expect(useLeanChat(client, options).chat.postMessage).toBe(first);
  });
});
