/**
 * The Teams side: botbuilder's CloudAdapter (authentication, the connector)
 * behind one endpoint, around one handler: activity -> Turn -> the shared
 * turn pipeline, with a sender that posts Adaptive Cards and replaces the
 * clicked card.
 */
// botbuilder's index loads every part of the SDK (skills, streaming, Teams SSO,
// the old BotFrameworkAdapter); the CloudAdapter and botbuilder-core are all
// this bot uses, and importing just those makes start-up faster.
import { CloudAdapter } from 'botbuilder/lib/cloudAdapter.js';
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder-core';
import express from 'express';
import type { Config } from '../../config/load-config.js';
import type { Conversation } from '../../core/create-conversation.js';
import type { Sender } from '../../core/run-turn.js';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { type TeamsCard, toAdaptiveCard, toAnsweredCard } from '../../renderers/adaptive-card.js';
import type { Endpoint, Notify } from '../../server/endpoint.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../../services/read-log-file.js';
import { fileOf, readTeamsFile } from './read-teams-file.js';
import { ReusingBotFrameworkAuthentication } from './reuse-connectors.js';
import { toReplyChain, toTurn } from './to-turn.js';

export const TEAMS_PATH = '/api/messages';

export function createTeamsEndpoint(
  config: Config['teams'],
  conversation: Conversation,
  logger: Logger,
  now: () => Date,
  fileLimits: FileLimits = DEFAULT_FILE_LIMITS,
): Endpoint & { notify: Notify } {
  const auth = new ReusingBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.tenantId,
    MicrosoftAppType: config.appType,
  });
  const adapter = new CloudAdapter(auth);
  // Failures outside a turn (a bad activity).
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, activityId: context.activity.id, code: 'TEAMS_TURN_FAILED' satisfies LogCode },
      'teams turn failed',
    );
  };

  async function handle(context: TurnContext): Promise<void> {
    // Answers to a channel post go into its reply chain.
    const chained = toReplyChain(context.activity);
    if (chained !== context.activity) context.activity.conversation = chained.conversation;
    let turn = toTurn(context.activity, now());
    if (!turn) return;
    const file = fileOf(context.activity);
    if (file && turn.input.kind === 'text') {
      // A download takes a moment: show that the bot is on it.
      await context.sendActivity({ type: ActivityTypes.Typing });
      const attached = await readTeamsFile(file, !config.appId, fileLimits);
      turn = { ...turn, input: { kind: 'file', text: turn.input.text, file: attached } };
    }
    await conversation.run(turn, teamsSender(context));
  }

  const router = express.Router();
  router.post('/', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, handle);
  });

  /** A message outside any turn (hand-off news), on a stored conversation reference. */
  const notify: Notify = async (address, reply) => {
    const reference = address as Partial<ConversationReference>;
    await adapter.continueConversationAsync(config.appId ?? '', reference, async (context) => {
      await context.sendActivity(toActivity(toAdaptiveCard(reply)));
    });
  };
  return { path: TEAMS_PATH, handler: router, notify };
}

function teamsSender(context: TurnContext): Sender {
  return {
    async post(reply) {
      const sent = await context.sendActivity(toActivity(toAdaptiveCard(reply)));
      return sent?.id;
    },
    async replace(answered, messageId) {
      // The clicked card, or the card with this id; without an id there is nothing to replace.
      const id = messageId ?? context.activity.replyToId;
      if (id) await context.updateActivity({ ...toActivity(toAnsweredCard(answered)), id });
    },
    async typing() {
      await context.sendActivity({ type: ActivityTypes.Typing });
    },
  };
}

function toActivity({ card, summary }: TeamsCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] };
}
