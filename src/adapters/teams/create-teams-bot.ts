/**
 * The Teams side: botbuilder's CloudAdapter (authentication, the connector)
 * around one function that translates an activity into a Turn, asks the
 * core, and sends the replies back as Adaptive Cards.
 */
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Conversation } from '../../core/create-conversation.js';
import { type TeamsCard, toAdaptiveCard, toAnsweredCard } from '../../renderers/adaptive-card.js';
import { toTurn } from './to-turn.js';

export interface TeamsBot {
  adapter: CloudAdapter;
  handle(context: TurnContext): Promise<void>;
}

export function createTeamsBot(
  config: Config['teams'],
  conversation: Conversation,
  logger: Logger,
  now: () => Date = () => new Date(),
): TeamsBot {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.tenantId,
    MicrosoftAppType: config.appType,
  });
  const adapter = new CloudAdapter(auth);
  // Failures outside the core's own boundary (the connector refusing a reply).
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, activityId: context.activity.id, code: 'TEAMS_TURN_FAILED' },
      'teams turn failed',
    );
  };

  async function handle(context: TurnContext): Promise<void> {
    const turn = toTurn(context.activity, now());
    if (!turn) return;
    if (turn.input.kind !== 'joined') await context.sendActivity({ type: ActivityTypes.Typing });
    const result = await conversation.handle(turn);
    const clickedCardId = context.activity.replyToId;
    if (result.answeredCard && clickedCardId) {
      await replaceCard(context, clickedCardId, toAnsweredCard(result.answeredCard), logger);
    }
    for (const reply of result.replies)
      await context.sendActivity(toActivity(toAdaptiveCard(reply)));
  }

  return { adapter, handle };
}

function toActivity({ card, summary }: TeamsCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] };
}

/** Takes the buttons off a clicked card; if Teams refuses, the core still rejects stale clicks. */
async function replaceCard(
  context: TurnContext,
  id: string,
  card: TeamsCard,
  logger: Logger,
): Promise<void> {
  try {
    await context.updateActivity({ ...toActivity(card), id });
  } catch (error) {
    logger.warn(
      { err: error, activityId: id, code: 'TEAMS_UPDATE_FAILED' },
      'could not update the clicked card',
    );
  }
}
