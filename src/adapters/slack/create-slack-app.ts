/**
 * The Slack side: a Bolt app on one of two transports, with the same
 * handlers. Over HTTP (an ExpressReceiver given to the server as one
 * endpoint, `POST /slack/events`) Bolt checks every request's signature
 * (HMAC of `v0:timestamp:body`, at most five minutes old) and answers 401
 * before anything here runs. In Socket Mode (`SLACK_APP_TOKEN` set) the app
 * opens a WebSocket to Slack itself (`apps.connections.open`), so no public
 * URL is needed. Events, slash commands and button clicks all arrive the
 * same way on either.
 *
 * Every request is acknowledged first; its work is handed to `defer` (the
 * app's bounded queue), which may answer "busy" instead under overload.
 *
 * In front of Bolt: a request dated more than five minutes in the future is
 * refused like a stale one. Behind it: each event_id and each slash command's
 * trigger_id is processed once, claimed in the state store (so it holds
 * across restarts and instances) for longer than Slack retries, when its work
 * starts (the acknowledgement does not wait for the store). Every
 * outbound call (Web API, response_url) has a time limit and a bounded retry.
 */
import {
  App,
  type Authorize,
  type CodedError,
  type Context,
  ExpressReceiver,
  type Receiver,
  type RespondFn,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { Conversation } from '../../core/create-conversation.js';
import type { LogCode } from '../../errors.js';
import { BUSY_TEXT } from '../../layout/words.js';
import type { Logger } from '../../logging/logger.js';
import { forRequest } from '../../logging/request-logger.js';
import { newRequestId, requestIdOf } from '../../observability/request-context.js';
import { ACTION_ID_PREFIX } from '../../renderers/action-codec.js';
import { toBlockKit, toNoteMessage } from '../../renderers/block-kit.js';
import type { Endpoint, Notify } from '../../server/endpoint.js';
import type { DeferredTask, Offered } from '../../server/work-queue.js';
import { boundedFetch } from '../../services/bounded-fetch.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../../services/read-log-file.js';
import type { StateStore } from '../../storage/state-store.js';
import { BUSY_ACK } from './busy-ack.js';
import { checkSlackBody } from './check-slack-body.js';
import { claimFirst } from './claim-once.js';
import { createWebOutbox } from './create-outbox.js';
import { handleClick } from './handle-click.js';
import { handleCommand } from './handle-command.js';
import { busySpot, handleMessage } from './handle-message.js';
import { LEAN_METHODS, type RetryPolicy, useLeanChat } from './lean-web-api.js';
import type { SlackDeps } from './slack-deps.js';
import { slackFetch } from './slack-fetch.js';
import { SLACK_PATH } from './slack-path.js';
import type { SlackAddress } from './slack-place.js';
import { toBoltLogger } from './to-bolt-logger.js';

export { SLACK_PATH };
export const SLASH_COMMAND = '/wuerror';

export interface SlackOptions {
  /** HTTP transport: requests are checked against it. */
  signingSecret?: string | undefined;
  /** Socket Mode transport (xapp-...): used instead of HTTP when set. */
  appToken?: string | undefined;
  botToken: string;
  /** Web API base URL; Slack's own when unset. */
  apiUrl: string | undefined;
  slashVisibility: 'in_channel' | 'ephemeral';
  conversation: Conversation;
  store: StateStore;
  logger: Logger;
  now: () => Date;
  /**
   * Runs work after the acknowledgement (a bounded queue), or turns it away
   * at once (then the handler says "busy" itself); runs it at once when unset.
   */
  defer?: (task: DeferredTask) => Offered;
  /**
   * What `defer` would answer now, a refusal counted (the queue's
   * `turnAway`): asked for each slash command before Bolt, so one the queue
   * would turn away is told "busy" at the edge. Unset: every command enters Bolt.
   */
  turnAway?: () => Offered;
  /** Attached log files: size cap and download timeout. */
  fileLimits?: FileLimits;
  /**
   * An outbound proxy is configured (HTTPS_PROXY, ...): every Web API call
   * goes through the WebClient, none as a plain request (lean-web-api.ts).
   */
  outboundProxy?: boolean;
}

/** Web API calls: each within this, retried twice with backoff (Slack's own 429 hints honoured). */
export const WEB_API_TIMEOUT_MS = 10_000;
export const WEB_API_RETRY: RetryPolicy = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2_000,
};

export interface SlackTransport {
  /** The HTTP endpoint; none in Socket Mode. */
  endpoint: Endpoint | undefined;
  mode: 'http' | 'socket';
  /** Opens the socket (Socket Mode); nothing to do over HTTP. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Hand-off news outside any request (the status callback). */
  notify: Notify;
}

export function createSlack(options: SlackOptions): SlackTransport {
  const { logger } = options;
  const boltLogger = toBoltLogger(logger.child({ part: 'bolt' }));
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    timeout: WEB_API_TIMEOUT_MS,
    retryConfig: WEB_API_RETRY,
    // Also Bolt's respond() (response_url): each attempt bounded; it retries once itself.
    fetch: slackFetch(boundedFetch({ timeoutMs: WEB_API_TIMEOUT_MS, attempts: 1 })),
  };
  let receiver: Receiver;
  let httpReceiver: ExpressReceiver | undefined;
  if (options.appToken) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      // Envelopes arrive outside any HTTP request: each gets its own request id here.
      customPropertiesExtractor: () => ({ reqId: newRequestId() }),
      // SLACK_API_URL reaches the socket client too: its apps.connections.open call.
      installerOptions: { clientOptions },
    });
  } else if (options.signingSecret) {
    httpReceiver = new ExpressReceiver({
      signingSecret: options.signingSecret,
      // The server mounts the receiver's router at SLACK_PATH, so here it answers on '/'.
      endpoints: '/',
      logger: boltLogger,
      // Ack first, work after: the answer may take longer than Slack's 3 seconds.
      processBeforeResponse: false,
      // Checked once, in front of it (checkSlackBody), which is the only way in: see `endpoint`.
      signatureVerification: false,
      // The id the server gave the request, in each listener's context (its log lines carry it).
      customPropertiesExtractor: (req) => ({ reqId: requestIdOf(req) }),
    });
    receiver = httpReceiver;
  } else {
    throw new Error('Slack needs a signing secret (HTTP) or an app token (Socket Mode)');
  }
  const defer =
    options.defer ??
    ((task: DeferredTask): Offered => {
      void task.run();
      return 'taken';
    });
  const app: App = new App({
    receiver,
    logger: boltLogger,
    authorize: createAuthorize(() => app.client, options.botToken),
    clientOptions,
    convoStore: false,
    // app.error is given the request's context too (its request id).
    extendedErrorHandler: true,
  });
  // An answer's Web API calls (LEAN_METHODS) as plain requests, unless a proxy is configured.
  const leanOptions = options.outboundProxy
    ? undefined
    : { timeoutMs: WEB_API_TIMEOUT_MS, retry: WEB_API_RETRY };
  const lean = <C extends object>(client: C): C =>
    leanOptions ? useLeanChat(client, leanOptions) : client;
  lean(app.client);
  logger.debug({ lean: leanOptions ? LEAN_METHODS : [] }, 'slack web api calls sent plainly');
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

  /** A request's handlers: its log lines carry its id, and so do the core's for its turn. */
  const forRequestOf = (context: Record<string, unknown>): SlackDeps => {
    const reqId = typeof context.reqId === 'string' ? context.reqId : undefined;
    return reqId === undefined ? deps : { ...deps, logger: forRequest(logger, reqId), reqId };
  };

  // A retried event or replayed slash command must not be answered twice (see claim-once.ts):
  // claimed when its work starts, after the acknowledgement, which waits for nothing.
  const isFirst = claimFirst(options.store, logger);

  // One line per request when its work is over: how long Slack's answer took.
  const timed = async (kind: string, log: Logger, work: () => Promise<void>) => {
    const started = performance.now();
    try {
      await work();
    } catch (error) {
      // Failures outside the core's own boundary: Slack refusing a message, an expired response_url.
      log.error(
        { err: error, kind, code: 'SLACK_HANDLER_FAILED' satisfies LogCode },
        'slack handler failed',
      );
    } finally {
      const ms = Math.round(performance.now() - started);
      log.debug({ kind, ms, code: 'SLACK_HANDLED' satisfies LogCode }, 'slack request handled');
    }
  };
  /** A request's work: its `body` claimed first (see isFirst), `retryNum` for the log. */
  interface Work {
    kind: string;
    body: unknown;
    retryNum?: number | undefined;
    /** The request's deps (forRequestOf): its logger writes the request id. */
    deps: SlackDeps;
    run: () => Promise<void>;
    /** How to tell the person it was turned away. */
    busy: () => Promise<unknown>;
  }
  /** Offers work to the queue. */
  const offer = (work: Work) => {
    const log = work.deps.logger;
    const saidBusy = () => timed(`${work.kind}-busy`, log, async () => void (await work.busy()));
    const run = async () => {
      if (await isFirst(work.body, work.retryNum, log)) await timed(work.kind, log, work.run);
    };
    return { offered: defer({ run, busy: saidBusy }), saidBusy };
  };
  /** Hands work to the queue; work turned away at once is told "busy" through `busy`. */
  const later = (work: Work) => {
    const { offered, saidBusy } = offer(work);
    if (offered !== 'taken') void saidBusy();
  };
  const noAck = async () => {};
  const busyNote = BUSY_ACK;
  const busyReply = (respond: RespondFn) => respond({ ...busyNote, replace_original: false });

  app.command(SLASH_COMMAND, async ({ command, body, ack, respond, client, context }) => {
    const request = forRequestOf(context);
    const { offered } = offer({
      kind: 'command',
      body,
      deps: request,
      run: () => handleCommand({ command, ack: noAck, respond, client: lean(client) }, request),
      busy: () => busyReply(respond),
    });
    // Turned away at once (the backlog is full): "busy" goes in the acknowledgement
    // itself, so an overloaded bot spends no second request on saying so.
    await (offered === 'taken' ? ack() : ack(busyNote));
  });
  for (const type of ['message', 'app_mention'] as const) {
    app.event(type, async ({ body, client, context }) => {
      const args = { body, client: lean(client), botUserId: context.botUserId };
      const request = forRequestOf(context);
      later({
        kind: type,
        body,
        retryNum: context.retryNum,
        deps: request,
        run: () => handleMessage(args, request),
        busy: async () => {
          // Only a message the bot would have answered gets "busy" (not every channel line).
          const where = busySpot(args, request);
          if (where)
            await createWebOutbox(args.client, where.channel, where.threadTs).post(
              toNoteMessage(BUSY_TEXT),
            );
        },
      });
    });
  }
  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) },
    async (args) => {
      await args.ack();
      const respond = args.respond;
      const request = forRequestOf(args.context);
      later({
        kind: 'click',
        body: args.body,
        deps: request,
        run: () =>
          handleClick({ body: args.body, ack: noAck, respond, client: lean(args.client) }, request),
        busy: () => (respond ? busyReply(respond) : Promise.resolve()),
      });
    },
  );
  // Failures outside the core's own boundary: Slack refusing a message, an expired response_url.
  // Bolt wraps a listener's error; the cause is what went wrong.
  app.error(async ({ error, context }: { error: CodedError; context: Context }) => {
    const cause = (error as { original?: unknown }).original ?? error.cause;
    forRequestOf(context).logger.error(
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
  // The receiver's router and handler are reached only through checkSlackBody's signature check;
  // a command the queue would turn away is told "busy" there, before Bolt (see check-slack-body.ts).
  const gate = httpReceiver
    ? checkSlackBody({
        signingSecret: options.signingSecret ?? '',
        command: SLASH_COMMAND,
        logger,
        handle: (req, res) => (httpReceiver as ExpressReceiver).requestHandler(req, res),
        setup: httpReceiver.router,
        ...(options.turnAway ? { turnAway: options.turnAway, busyAck: busyNote } : {}),
      })
    : undefined;
  // The gate needs no router: mounted, or called directly by the server for a POST on the path.
  const endpoint: Endpoint | undefined = gate
    ? { path: SLACK_PATH, handler: gate, post: gate }
    : undefined;
  return {
    endpoint,
    mode: options.appToken ? 'socket' : 'http',
    notify,
    async start() {
      if (options.appToken) await app.start();
    },
    async stop() {
      if (options.appToken) await app.stop();
    },
  };
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
