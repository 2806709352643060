/**
 * The Slack side: a Bolt app on an ExpressReceiver, given to the server as
 * one endpoint, `POST /slack/events`. Bolt checks every
 * request's signature (HMAC of `v0:timestamp:body`, at most five minutes
 * old) and answers 401 before anything here runs. Events, slash commands
 * and button clicks all arrive on that one path.
 *
 * In front of Bolt: a request dated more than five minutes in the future is
 * refused like a stale one. Behind it: each event_id and each slash command's
 * trigger_id is processed once, claimed in the state store (so it holds
 * across restarts and instances) for longer than Slack retries. Every
 * outbound call (Web API, response_url) has a time limit and a bounded retry.
 */
import { App, type Authorize, ExpressReceiver, type webApi } from '@slack/bolt';
import express from 'express';
import type { Conversation } from '../../core/create-conversation.js';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { ACTION_ID_PREFIX } from '../../renderers/action-codec.js';
import { toBlockKit } from '../../renderers/block-kit.js';
import type { Endpoint, Notify } from '../../server/endpoint.js';
import { boundedFetch } from '../../services/bounded-fetch.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../../services/read-log-file.js';
import type { StateStore } from '../../storage/state-store.js';
import { checkSlackBody } from './check-slack-body.js';
import { claimOnce } from './claim-once.js';
import { handleClick } from './handle-click.js';
import { handleCommand } from './handle-command.js';
import { handleMessage } from './handle-message.js';
import { refuseFutureRequests } from './refuse-future-requests.js';
import type { SlackDeps } from './slack-deps.js';
import { SLACK_PATH } from './slack-path.js';
import type { SlackAddress } from './slack-place.js';
import { toBoltLogger } from './to-bolt-logger.js';

export { SLACK_PATH };
export const SLASH_COMMAND = '/wuerror';

export interface SlackOptions {
  signingSecret: string;
  botToken: string;
  /** Web API base URL; Slack's own when unset. */
  apiUrl: string | undefined;
  slashVisibility: 'in_channel' | 'ephemeral';
  conversation: Conversation;
  store: StateStore;
  logger: Logger;
  now: () => Date;
  /** Attached log files: size cap and download timeout. */
  fileLimits?: FileLimits;
}

/** Web API calls: each within this, retried twice with backoff (Slack's own 429 hints honoured). */
export const WEB_API_TIMEOUT_MS = 10_000;

export function createSlackEndpoint(options: SlackOptions): Endpoint & { notify: Notify } {
  const { logger } = options;
  const boltLogger = toBoltLogger(logger.child({ part: 'bolt' }));
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    // The server mounts the receiver's router at SLACK_PATH, so here it answers on '/'.
    endpoints: '/',
    logger: boltLogger,
    // Ack first, work after: the answer may take longer than Slack's 3 seconds.
    processBeforeResponse: false,
  });
  const app: App = new App({
    receiver,
    logger: boltLogger,
    authorize: createAuthorize(() => app.client, options.botToken),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      timeout: WEB_API_TIMEOUT_MS,
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
      // Also Bolt's respond() (response_url): each attempt bounded; it retries once itself.
      fetch: boundedFetch({ timeoutMs: WEB_API_TIMEOUT_MS, attempts: 1 }),
    },
    convoStore: false,
  });
  const deps: SlackDeps = {
    conversation: options.conversation,
    logger,
    now: options.now,
    slashVisibility: options.slashVisibility,
    files: {
      token: options.botToken,
      apiHost: new URL(options.apiUrl ?? 'https://slack.com/api/').hostname,
      limits: options.fileLimits ?? DEFAULT_FILE_LIMITS,
    },
  };

  // A retried event or replayed slash command must not be answered twice (see claim-once.ts).
  app.use(claimOnce(options.store, logger));

  // One line per request when its work is over: how long Slack's answer took.
  const timed = async (kind: string, work: Promise<void>) => {
    const started = performance.now();
    try {
      await work;
    } finally {
      const ms = Math.round(performance.now() - started);
      logger.debug({ kind, ms, code: 'SLACK_HANDLED' satisfies LogCode }, 'slack request handled');
    }
  };
  app.command(SLASH_COMMAND, ({ command, ack, respond, client }) =>
    timed('command', handleCommand({ command, ack, respond, client }, deps)),
  );
  for (const type of ['message', 'app_mention'] as const) {
    app.event(type, ({ body, client, context }) =>
      timed(type, handleMessage({ body, client, botUserId: context.botUserId }, deps)),
    );
  }
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) }, (args) =>
    timed(
      'click',
      handleClick(
        { body: args.body, ack: () => args.ack(), respond: args.respond, client: args.client },
        deps,
      ),
    ),
  );
  // Failures outside the core's own boundary: Slack refusing a message, an expired response_url.
  // Bolt wraps a listener's error; the cause is what went wrong.
  app.error(async (error) => {
    const cause = (error as { original?: unknown }).original ?? error.cause;
    logger.error(
      {
        err: error,
        ...(cause ? { cause: describeCause(cause) } : {}),
        boltCode: error.code,
        code: 'SLACK_HANDLER_FAILED' satisfies LogCode,
      },
      'slack handler failed',
    );
  });

  /** Hand-off news, outside any request: a reply in the thread (or to the asker alone). */
  const notify: Notify = async (address, reply) => {
    const { channel, threadTs, user } = address as SlackAddress;
    const message = toBlockKit(reply);
    const thread = threadTs ? { thread_ts: threadTs } : {};
    if (user) {
      await app.client.chat.postEphemeral({
        token: options.botToken,
        channel,
        user,
        ...thread,
        ...message,
      });
      return;
    }
    await app.client.chat.postMessage({
      token: options.botToken,
      channel,
      ...thread,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  };
  const router = express.Router();
  router.use(
    refuseFutureRequests(logger),
    ...checkSlackBody(options.signingSecret, SLASH_COMMAND, logger),
    receiver.router,
  );
  return { path: SLACK_PATH, handler: router, notify };
}

/**
 * One workspace, one bot token. Bolt needs the bot's ids to ignore its own
 * messages and to spot its @mentions. auth.test gives them on the first
 * request; a failed lookup is not cached, so a passing Slack hiccup costs one
 * request, not every request until a restart (Bolt's built-in lookup caches
 * the failure).
 */
function createAuthorize(client: () => webApi.WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string }> | null = null;
  return async () => {
    identity ??= client()
      .auth.test({ token: botToken })
      .then((r) => ({ botId: r.bot_id, botUserId: r.user_id }));
    try {
      return { botToken, ...(await identity) };
    } catch (error) {
      identity = null;
      throw error;
    }
  };
}

/** An error's cause as plain fields: pino serialises only `err` itself, not a nested Error. */
function describeCause(cause: unknown): Record<string, unknown> {
  if (!(cause instanceof Error)) return { value: String(cause) };
  const extra = cause as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    type: cause.name,
    message: cause.message,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.data?.error !== undefined ? { slackError: extra.data.error } : {}),
  };
}
