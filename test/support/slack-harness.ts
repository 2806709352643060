/**
 * Runs the real server on a free port and plays Slack: posts slash commands,
 * events and button clicks to /slack/events, signed the way Slack signs
 * them, and fakes Slack's Web API (at SLACK_API_URL) and the response_url
 * host with nock, keeping the messages the bot posted and edited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { type AppOptions, type RunningApp, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import { blockKitProblems } from './check-block-kit.js';
import { signSlackRequest } from './sign-slack.js';
import type { SlackWorld } from './slack-world.js';
import { createSlackWorld } from './slack-world.js';

// biome-ignore lint/suspicious/noExplicitAny: payloads and messages are JSON under test.
export type Json = any;

export const TEAM = 'T0TEAM001';
export const CHANNEL = 'C0HELPDSK';
export const BOT_USER = 'U0WUBOT01';
export const BOT_ID = 'B0WUBOT01';
export const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543';
export const API_URL = 'https://slack.test/api/';
export const HOOKS = 'https://hooks.slack.com';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'slack');

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

export interface HarnessOptions extends Partial<AppOptions> {
  env?: Record<string, string>;
  /** Makes chat.postMessage answer like a private channel the bot is not in. */
  cannotPost?: boolean;
  /** Delays every Web API answer, to show that requests are acked before the work. */
  apiDelayMs?: number;
  /** Makes the first auth.test calls fail. */
  authFailures?: number;
  /** Makes the first chat.postMessage calls fail. */
  postFailures?: number;
}

export interface SlackHarness extends SlackWorld {
  app: RunningApp;
  logs: Json[];
  /** Posts a raw body to /slack/events, signed unless headers say otherwise. */
  send(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  command(text: string, fields?: Record<string, string>): Promise<Response>;
  event(
    name: string,
    event?: Json,
    options?: { eventId?: string; retryNum?: number },
  ): Promise<Response>;
  /** The form body Slack would post for a click on a button of a message, as it is now. */
  clickBody(message: { ts: string }, label: string | RegExp): string;
  click(message: { ts: string }, label: string | RegExp): Promise<Response>;
  /** Resolves once the app has finished handling this many requests in all. */
  handled(count: number): Promise<void>;
  waitForLog(code: string): Promise<Json>;
  close(): Promise<void>;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  const world = createSlackWorld({
    apiUrl: API_URL,
    hooks: HOOKS,
    bot: { user: BOT_USER, id: BOT_ID, team: TEAM },
    check: blockKitProblems,
    cannotPost: options.cannotPost ?? false,
    delayMs: options.apiDelayMs ?? 0,
    authFailures: options.authFailures ?? 0,
    postFailures: options.postFailures ?? 0,
  });
  const logs: Json[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const {
    env,
    cannotPost: _c,
    apiDelayMs: _d,
    authFailures: _a,
    postFailures: _p,
    ...appOptions
  } = options;
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: API_URL,
    ...env,
  });
  const app = await startApp({
    config,
    logger: pino({ level: 'debug' }, sink),
    store: createMemoryStore(),
    now: () => new Date('2026-11-22T09:05:00Z'),
    ...appOptions,
  });
  let sequence = 0;
  const next = () => ++sequence;

  const send: SlackHarness['send'] = (body, contentType, headers) =>
    fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(headers ?? signSlackRequest(SIGNING_SECRET, body)),
      },
      body,
    });

  const clickBody: SlackHarness['clickBody'] = (message, label) => {
    const payload = world.clickPayload(message.ts, label, fixture('block-actions'), next());
    return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  };

  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  return {
    ...world,
    app,
    logs,
    send,
    command(text, fields = {}) {
      const form = new URLSearchParams(readFileSync(join(FIXTURES, 'slash-command.form'), 'utf8'));
      const n = next();
      form.set('text', text);
      form.set('trigger_id', `8114271649${n}.7391830115.trigger${n}`);
      form.set('response_url', `${HOOKS}/commands/${TEAM}/81142716${n}/cmd${n}`);
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      world.expectResponseUrl(form.get('response_url') as string, form.get('channel_id') as string);
      return send(form.toString(), 'application/x-www-form-urlencoded');
    },
    event(name, event = {}, { eventId, retryNum } = {}) {
      const body = fixture(name);
      body.event = { ...body.event, ...event };
      body.event_id = eventId ?? `Ev0TEST${String(next()).padStart(5, '0')}`;
      const raw = JSON.stringify(body);
      const retry: Record<string, string> = retryNum
        ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {};
      return send(raw, 'application/json', { ...signSlackRequest(SIGNING_SECRET, raw), ...retry });
    },
    clickBody,
    click: (message, label) => send(clickBody(message, label), 'application/x-www-form-urlencoded'),
    handled: (count) =>
      until(
        () => logs.filter((l) => l.code === 'SLACK_HANDLED').length >= count,
        `${count} handled`,
      ),
    async waitForLog(code) {
      await until(() => logs.some((l) => l.code === code), code);
      return logs.find((l) => l.code === code);
    },
    async close() {
      await app.close();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
