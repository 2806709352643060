/**
 * The composition root: the only place that knows every part. Builds the
 * core once (knowledge, resolver, conversation), the adapters on top of it
 * and the HTTP server, and returns a handle to stop it all.
 */
import type { AddressInfo } from 'node:net';
import { SLACK_PATH } from './adapters/slack/slack-path.js';
import { createTeamsEndpoint } from './adapters/teams/create-teams-bot.js';
import type { Config } from './config/load-config.js';
import {
  type Conversation,
  createConversation,
  type HandoffSink,
} from './core/create-conversation.js';
import { loadKnowledgeFast } from './knowledge/compiled-knowledge.js';
import type { Logger } from './logging/logger.js';
import { createResolver } from './resolver/create-resolver.js';
import { createServer } from './server/create-server.js';
import type { Endpoint, Notify } from './server/endpoint.js';
import { createHandoffStatusEndpoint } from './server/handoff-status-route.js';
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
  const conversation = createConversation({
    resolver,
    store,
    handoff: options.handoff ?? createWebhookHandoff(config.helpdeskWebhookUrl),
    logger: logger.child({ part: 'core' }),
  });
  const teams = createTeamsEndpoint(
    config.teams,
    conversation,
    logger.child({ part: 'teams' }),
    now,
    config.files,
  );
  const slack = await slackFromConfig(config, conversation, logger, now);
  if (!slack) {
    logger.info(
      `Slack: off (${SLACK_PATH} is not served; set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)`,
    );
  }
  const handoffStatus = handoffStatusFromConfig(config, store, { teams, slack }, logger);
  const app = createServer({
    endpoints: [teams, ...(slack ? [slack] : []), ...(handoffStatus ? [handoffStatus] : [])],
    health: { slack: slack ? 'on' : 'off' },
    logger,
  });

  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(config.port, () => resolve(listening));
    listening.once('error', reject);
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
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await store.close();
    },
  };
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
    logger: logger.child({ part: 'slack' }),
    now,
  });
}
