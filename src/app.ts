/**
 * The composition root: the only place that knows every part. Builds the
 * core once (knowledge, resolver, conversation), the adapters on top of it
 * and the HTTP server, and returns a handle to stop it all.
 */
import type { AddressInfo } from 'node:net';
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
import { loadKnowledgeFast } from './knowledge/compiled-knowledge.js';
import type { Logger } from './logging/logger.js';
import { createResolver } from './resolver/create-resolver.js';
import { createServer } from './server/create-server.js';
import type { Endpoint, Notify } from './server/endpoint.js';
import { createHandoffStatusEndpoint } from './server/handoff-status-route.js';
import { listen } from './server/listen.js';
import { createWebhookHandoff } from './services/webhook-handoff.js';
import { createSqliteStoreIn } from './storage/sqlite-store.js';
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
  close(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const { knowledge, from: knowledgeFrom } = await loadKnowledgeFast(config.knowledgeDir);
  const resolver = createResolver(knowledge);
  const store = options.store ?? createSqliteStoreIn(config.dataDir);
  const conversation = limitTurns(
    createConversation({
      resolver,
      store,
      handoff: options.handoff ?? createWebhookHandoff(config.helpdeskWebhookUrl),
      logger: logger.child({ part: 'core' }),
    }),
    store,
    config.limits,
    logger.child({ part: 'limits' }),
  );
  const teams = createTeamsEndpoint({
    config: config.teams,
    conversation,
    store,
    logger: logger.child({ part: 'teams' }),
    now,
    fileLimits: config.files,
    ...(options.teamsAuthOverrides ? { authOverrides: options.teamsAuthOverrides } : {}),
  });
  const slack = await slackFromConfig(config, conversation, store, logger, now);
  if (!slack) {
    logger.info(
      `Slack: off (${SLACK_PATH} is not served; set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)`,
    );
  }
  const handoffStatus = handoffStatusFromConfig(config, store, { teams, slack }, logger);
  const app = createServer({
    endpoints: [teams, ...(slack ? [slack] : []), ...(handoffStatus ? [handoffStatus] : [])],
    health: { slack: slack ? 'on' : 'off' },
    ready: {
      store: () => store.ping(),
      knowledge: async () => {
        if (knowledge.entries.size === 0) throw new Error('no curated entries loaded');
        resolver.resolve('0x8024001E');
      },
    },
    httpLimit: { store, perMinute: config.limits.httpPerIp },
    trustProxy: config.limits.trustProxy,
    logger,
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
  logger.info(
    {
      port,
      curated: knowledge.entries.size,
      catalogue: knowledge.catalogue.size,
      knowledgeFrom,
      startupMs: Math.round(performance.now() - started),
      teamsAuth: config.teams.appId ? 'bot-framework' : 'anonymous (local)',
      slack: slack ? 'on' : 'off',
      helpdeskWebhook: config.helpdeskWebhookUrl ? 'set' : 'not set',
      handoffStatusCallback: handoffStatus ? 'on' : 'off',
    },
    'wuerror listening',
  );
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await store.close();
    },
  };
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

/** Bolt and the Slack Web API client are loaded only when Slack is configured. */
async function slackFromConfig(
  config: Config,
  conversation: Conversation,
  store: StateStore,
  logger: Logger,
  now: () => Date,
): Promise<(Endpoint & { notify: Notify }) | undefined> {
  const { signingSecret, botToken, apiUrl, slashVisibility } = config.slack;
  if (!signingSecret || !botToken) return undefined;
  const { createSlackEndpoint } = await import('./adapters/slack/create-slack-app.js');
  return createSlackEndpoint({
    signingSecret,
    botToken,
    apiUrl,
    slashVisibility,
    fileLimits: config.files,
    conversation,
    store,
    logger: logger.child({ part: 'slack' }),
    now,
  });
}
