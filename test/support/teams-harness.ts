/**
 * Runs the real server on a free port and plays Teams: posts activities to
 * /api/messages and records what the bot sends to the connector (faked with
 * nock on the activity's serviceUrl).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { pino } from 'pino';
import { type AppOptions, type RunningApp, startApp } from '../../src/app.js';
import type { Config } from '../../src/config/load-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';

export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

// biome-ignore lint/suspicious/noExplicitAny: activities and cards are JSON under test.
export type Json = any;

export interface Outgoing {
  method: 'POST' | 'PUT';
  path: string;
  activity: Json;
}

export function fixture(name: string): Json {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8'),
  );
}

export interface TeamsHarness {
  app: RunningApp;
  sent: Outgoing[];
  /** Posts an activity; resolves once the bot has finished the turn. */
  post(activity: Json, headers?: Record<string, string>): Promise<Response>;
  /** The cards the bot sent (not typing indicators), oldest first. */
  cards(): Array<{ id: string; card: Json; summary: string }>;
  close(): Promise<void>;
}

export async function startTeamsHarness(
  options: Partial<AppOptions> & {
    env?: Record<string, string>;
    /** How many message activities the connector refuses before it takes them. */
    failMessages?: number;
  } = {},
): Promise<TeamsHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  const sent: Outgoing[] = [];
  let failMessages = options.failMessages ?? 0;
  const record =
    (method: Outgoing['method']) =>
    (path: string, body: Json): [number, Json] => {
      if (body?.type === 'message' && failMessages > 0) {
        failMessages--;
        return [400, { error: { code: 'BadArgument', message: 'Activity rejected' } }];
      }
      sent.push({ method, path, activity: body });
      return [200, { id: `bot-activity-${sent.length}` }];
    };
  nock(SERVICE_URL)
    .persist()
    .post(/\/v3\/conversations\/.+\/activities/)
    .reply(record('POST'));
  nock(SERVICE_URL)
    .persist()
    .put(/\/v3\/conversations\/.+\/activities\/.+/)
    .reply(record('PUT'));

  const config: Config = {
    ...loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      // Anonymous mode replies only to loopback and what this names (the faked connector).
      TEAMS_SERVICE_URL_ALLOWLIST: 'smba.trafficmanager.net',
      ...options.env,
    }),
  };
  const { env: _env, failMessages: _fail, ...appOptions } = options;
  const app = await startApp({
    config,
    logger: pino({ level: 'silent' }),
    store: createMemoryStore(),
    now: () => new Date('2026-11-22T09:05:00Z'),
    ...appOptions,
  });
  return {
    app,
    sent,
    post: (activity, headers = {}) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
    cards: () =>
      sent
        .map((s, index) => ({ s, index }))
        .filter(
          ({ s }) => s.method === 'POST' && s.activity.type === 'message' && s.activity.attachments,
        )
        .map(({ s, index }) => ({
          id: `bot-activity-${index + 1}`,
          card: s.activity.attachments[0].content,
          summary: s.activity.summary,
        })),
    async close() {
      await app.close();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/** Every button of a card (top-level actions and ActionSets), as the card declares them. */
export function buttonsOf(card: Json): Json[] {
  return [...(card.actions ?? []), ...card.body.flatMap((e: Json) => e.actions ?? [])];
}

/** The titles of a card's buttons ([] for a card without any). */
export const buttonTitles = (card: Json): string[] => buttonsOf(card).map((a: Json) => a.title);

function findButton(card: { card: Json }, label: string | RegExp): Json {
  const actions = buttonsOf(card.card);
  const action = actions.find((a) =>
    typeof label === 'string' ? a.title === label : label.test(a.title),
  );
  if (!action)
    throw new Error(
      `no button ${label} on card; buttons: ${actions.map((a) => a.title).join(', ')}`,
    );
  return action;
}

/**
 * A click on a button of a card the bot sent, as a Teams client without
 * Universal Actions delivers it: the button's Action.Submit fallback, a
 * message activity with the data as `value`.
 */
export function clickOn(card: { id: string; card: Json }, label: string | RegExp): Json {
  const action = findButton(card, label);
  const activity = fixture('card-submit');
  activity.id = `click-${Math.random().toString(36).slice(2)}`;
  activity.replyToId = card.id;
  activity.channelData.legacy.replyToId = card.id;
  activity.value = (action.fallback ?? action).data;
  return activity;
}

/**
 * The same click as Teams delivers an Action.Execute: an `adaptiveCard/action`
 * invoke whose value carries the action (type, id, verb, data) and its trigger.
 */
export function executeOn(card: { id: string; card: Json }, label: string | RegExp): Json {
  const action = findButton(card, label);
  if (action.type !== 'Action.Execute') throw new Error(`button ${label} is ${action.type}`);
  const activity = fixture('card-execute');
  activity.id = `f:${Math.random().toString(36).slice(2)}`;
  activity.replyToId = card.id;
  activity.channelData.legacy.replyToId = card.id;
  activity.value.action = { type: 'Action.Execute', id: '', verb: action.verb, data: action.data };
  return activity;
}

export function say(text: string, base = 'personal-message'): Json {
  const activity = fixture(base);
  activity.id = `msg-${Math.random().toString(36).slice(2)}`;
  activity.text = text;
  return activity;
}

/** What markdown shows for escaped text: `\(` reads as `(` (CommonMark backslash escapes). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** All the text of a card as a person reads it (markdown escapes resolved), for assertions. */
export function cardText(card: Json): string {
  const parts: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const key of ['text', 'title', 'value'])
        if (typeof node[key] === 'string') {
          // TextBlocks and facts are markdown; TextRuns (commands) are shown as they are.
          parts.push(node.type === 'TextRun' ? node[key] : unescapeMarkdown(node[key]));
        }
      for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card.body);
  return parts.join('\n');
}
