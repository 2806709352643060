/** What every Slack handler needs: the core, a logger and the clock. */
import type { Conversation } from '../../core/create-conversation.js';
import type { Logger } from '../../logging/logger.js';

export interface SlackDeps {
  conversation: Conversation;
  logger: Logger;
  now: () => Date;
  slashVisibility: 'in_channel' | 'ephemeral';
}
