/**
 * The composition root: the only place that knows every part. Builds the
 * core once (knowledge, resolver, conversation), the adapters on top of it
 * and the HTTP server, and returns a handle to stop it all.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackTransport } from './adapters/slack/create-slack-app.js';
import { deferSlack } from './adapters/slack/deferred-slack.js';
import { SLACK_PATH } from './adapters/slack/slack-path.js';
import { createTeamsEndpoint, type TeamsOptions } from './adapters/teams/create-teams-bot.js';
import type { Config } from './config/load-config.js';
import {
  type Conversation,
  createConversation,
  type HandoffSink,
} from './core/create-conversation.js';
import { limitTurns } from './core/limit-turns.js';
import type { LogCode } from './errors.js';
import type { Logger } from './logging/logger.js';
import { createMetrics } from './observability/metrics.js';
import { loadResolver } from './resolver/prepared-symptoms.js';
import { createServer } from './server/create-server.js';
import type { Endpoint, Notify } from './server/endpoint.js';
import { createHandoffStatusEndpoint } from './server/handoff-status-route.js';
import { listen } from './server/listen.js';
import { opsRoutes, requestIds } from './server/ops-routes.js';
import {
  createRefusalLog,
  createWorkQueue,
  type DeferredTask,
  type Offered,
} from './server/work-queue.js';
import { createWebhookHandoff } from './services/webhook-handoff.js';
import { openStore } from './storage/open-store.js';
import type { StateStore } from './storage/state-store.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Defaults to the SQLite database in config.dataDir. */
  store?: StateStore;
  handoff?: HandoffSink;
  /** The one clock of the app (turn times); the system clock when unset. */
  now?: () => Date;
  /** Test seam: where botbuilder fetches the Bot Framework signing keys. */
  teamsAuthOverrides?: TeamsOptions['authOverrides'];
}

export interface RunningApp {
  url: string;
  port: number;
  /**
   * Graceful stop: refuses new connections and work, lets in-flight turns and
   * queued Slack work finish (at most config.shutdownTimeoutMs), then closes
   * the store. Resolves true when everything finished in time.
   */
  close(): Promise<boolean>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config } = options;
  const metrics = createMetrics();
  // Refusals and dropped retries are logged with their code; the metrics count those lines.
  const logger = metrics.countCodes(options.logger);
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const {
    knowledge,
    from: knowledgeFrom,
    resolver,
    symptomTables,
  } = await loadResolver(config.knowledgeDir);
  const opened = options.store
    ? { store: options.store, kind: 'given' }
    : await openStore(config, logger.child({ part: 'store' }));
  const store = metrics.observeStore(opened.store);
  const conversation = limitTurns(
    createConversation({
      resolver,
      store,
      handoff: options.handoff ?? createWebhookHandoff(config.helpdeskWebhookUrl),
      logger: logger.child({ part: 'core' }),
      stateTtlMs: config.stateTtlMs,
      observer: metrics.turns,
    }),
    store,
    config.limits,
    logger.child({ part: 'limits' }),
  );
  // One line a second under overload, with the count, not one per refusal.
  const logRefusal = createRefusalLog((reason, count) =>
    logger.warn({ reason, count, code: 'WORK_REFUSED' satisfies LogCode }, 'too busy; said so'),
  );
  const work = createWorkQueue({
    concurrency: config.work.concurrency,
    limit: config.work.queueLimit,
    // Waiting plus running stays under 5 s: an answer older than that is worth less than "busy".
    maxWaitMs: 3000,
    // The event loop saturated: answers start at most this often, the acknowledgements keep the rest.
    saturatedStartsPerSecond: config.work.saturatedStartsPerSecond,
    onBusy: (reason) => {
      metrics.busy(reason);
      logRefusal(reason);
    },
    onError: (error) =>
      logger.error({ err: error, code: 'WORK_FAILED' satisfies LogCode }, 'deferred work failed'),
  });
  metrics.watchQueue(() => ({ running: work.running, waiting: work.waiting }));
  const teams = createTeamsEndpoint({
    config: config.teams,
    conversation,
    store,
    logger: logger.child({ part: 'teams' }),
    now,
    fileLimits: config.files,
    ...(options.teamsAuthOverrides ? { authOverrides: options.teamsAuthOverrides } : {}),
  });
  const slack = slackFromConfig(config, conversation, logger, now, store, {
    defer: (task) => work.offer(task),
    turnAway: () => work.turnAway(),
  });
  if (!slack) {
    logger.info(
      `Slack: off (${SLACK_PATH} is not served; set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN, or SLACK_APP_TOKEN and SLACK_BOT_TOKEN for Socket Mode)`,
    );
  }
  let stopping = false;
  const handoffStatus = handoffStatusFromConfig(config, store, { teams, slack }, logger);
  const app = createServer({
    endpoints: [
      teams,
      ...(slack?.endpoint ? [slack.endpoint] : []),
      ...(handoffStatus ? [handoffStatus] : []),
    ],
    health: { slack: slack ? slack.mode : 'off' },
    ready: {
      // Shutting down: the store is about to close, so no new work should come here.
      store: async () => {
        if (stopping) throw new Error('shutting down');
        await store.ping();
      },
      knowledge: async () => {
        if (knowledge.entries.size === 0) throw new Error('no curated entries loaded');
        resolver.resolve('0x8024001E');
      },
    },
    httpLimit: { perMinute: config.limits.httpPerIp },
    trustProxy: config.limits.trustProxy,
    logger,
    before: [
      requestIds,
      opsRoutes({
        async metrics() {
          return {
            contentType: metrics.registry.contentType,
            body: await metrics.registry.metrics(),
          };
        },
      }),
    ],
  });

  if (config.openAnonymous) {
    logger.warn(
      { host: config.host, code: 'OPEN_ANONYMOUS' satisfies LogCode },
      `WARNING: no Bot Framework credentials and HOST=${config.host}: anyone who reaches this port can talk to the bot. Replies still go only to loopback or TEAMS_SERVICE_URL_ALLOWLIST.`,
    );
  }
  const server = await listen(app, {
    port: config.port,
    host: config.host,
    maxConnections: config.limits.maxConnections,
  });
  const port = (server.address() as AddressInfo).port;
  await slack?.start();
  logger.info(
    {
      port,
      curated: knowledge.entries.size,
      catalogue: knowledge.catalogue.size,
      knowledgeFrom,
      symptomTables,
      startupMs: Math.round(performance.now() - started),
      teamsAuth: config.teams.appId ? 'bot-framework' : 'anonymous (local)',
      slack: slack ? slack.mode : 'off',
      store: opened.kind,
      helpdeskWebhook: config.helpdeskWebhookUrl ? 'set' : 'not set',
      handoffStatusCallback: handoffStatus ? 'on' : 'off',
    },
    'wuerror listening',
  );
  let closed: Promise<boolean> | undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    close() {
      stopping = true;
      closed ??= drain(server, slack, work, config.shutdownTimeoutMs).then(async (finished) => {
        if (!finished) {
          logger.warn(
            { running: work.running, waiting: work.waiting, code: 'SHUTDOWN_TIMEOUT' },
            'stopped before all work finished',
          );
        }
        await store.close();
        return finished;
      });
      return closed;
    },
  };
}

/**
 * Stops taking work and waits for what was taken: open HTTP requests (Teams
 * turns run inside theirs) and the deferred queue (Slack work after the ack).
 * Idle keep-alive connections are closed as they become idle.
 */
async function drain(
  server: Server,
  slack: SlackTransport | undefined,
  work: { drain(timeoutMs: number): Promise<boolean> },
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  try {
    // Socket Mode: no new envelopes; in-flight ones are in the queue already.
    await withTimeout(slack?.stop() ?? Promise.resolve(), timeoutMs).catch(() => undefined);
    const left = () => Math.max(0, deadline - performance.now());
    const requestsDone = await withTimeout(serverClosed, left()).then(
      () => true,
      () => false,
    );
    const workDone = await work.drain(left());
    return requestsDone && workDone;
  } finally {
    clearInterval(idle);
    server.closeAllConnections();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Where to reach the server locally: the wildcard addresses answer on loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The ticketing system's status callback: on only with HELPDESK_CALLBACK_SECRET. */
function handoffStatusFromConfig(
  config: Config,
  store: StateStore,
  platforms: { teams: { notify: Notify }; slack: { notify: Notify } | undefined },
  logger: Logger,
): Endpoint | undefined {
  const secret = config.helpdeskCallbackSecret;
  if (!secret) return undefined;
  return createHandoffStatusEndpoint({
    secret,
    store,
    notify: {
      teams: platforms.teams.notify,
      ...(platforms.slack ? { slack: platforms.slack.notify } : {}),
    },
    logger: logger.child({ part: 'handoff-status' }),
  });
}

/**
 * Bolt and the Slack Web API client are loaded only when Slack is configured,
 * and then only once the server listens (deferred-slack.ts).
 */
function slackFromConfig(
  config: Config,
  conversation: Conversation,
  logger: Logger,
  now: () => Date,
  store: StateStore,
  queue: { defer: (task: DeferredTask) => Offered; turnAway: () => Offered },
): SlackTransport | undefined {
  const { signingSecret, botToken, appToken, apiUrl, slashVisibility } = config.slack;
  if (!botToken || !(signingSecret || appToken)) return undefined;
  return deferSlack(appToken ? 'socket' : 'http', async () => {
    const { createSlack } = await import('./adapters/slack/create-slack-app.js');
    return createSlack({
      signingSecret,
      appToken,
      botToken,
      apiUrl,
      slashVisibility,
      fileLimits: config.files,
      conversation,
      store,
      logger: logger.child({ part: 'slack' }),
      now,
      defer: queue.defer,
      turnAway: queue.turnAway,
      outboundProxy: config.teams.outboundProxy,
    });
  });
}
