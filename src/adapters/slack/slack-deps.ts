/** What every Slack handler needs: the core, a logger and the clock. */
import type { Conversation } from '../../core/create-conversation.js';
import type { Logger } from '../../logging/logger.js';
import type { FileLimits } from '../../services/read-log-file.js';

export interface SlackDeps {
  conversation: Conversation;
  /** For one request's handlers, a logger that writes its `reqId` (create-slack-app.ts). */
  logger: Logger;
  /** The request's id, handed to the core with its turn. */
  reqId?: string | undefined;
  now: () => Date;
  slashVisibility: 'in_channel' | 'ephemeral';
  /** Attached files: the bot token to download them with, the host they may come from, the limits. */
  files: { token: string; apiHost: string; limits: FileLimits };
}
