/**
 * Where a Slack conversation's messages go. Two ways, one interface:
 * the Web API for channel threads and the bot's own DM (we know the
 * channel and thread, and chat.update can edit what we posted), and a
 * `response_url` for private answers and DMs the bot may not be part of
 * (a slash command in a DM between two people), which is the only way to
 * reach those.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from '../../renderers/block-kit.js';

export interface Outbox {
  post(message: SlackMessage): Promise<void>;
  /** Replaces a message the bot posted: a clicked one, or a slash command's placeholder. */
  replace(ts: string, message: SlackMessage): Promise<void>;
}

export function createWebOutbox(
  client: webApi.WebClient,
  channel: string,
  threadTs: string | undefined,
): Outbox {
  return {
    async post(message) {
      await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...message,
        // A pasted log line may hold links; previews of them would bury the answer.
        unfurl_links: false,
        unfurl_media: false,
      });
    },
    async replace(ts, message) {
      await client.chat.update({ channel, ts, ...message });
    },
  };
}

export function createResponseUrlOutbox(
  respond: RespondFn,
  responseType: 'in_channel' | 'ephemeral',
): Outbox {
  return {
    async post(message) {
      await respond({ response_type: responseType, replace_original: false, ...message });
    },
    async replace(_ts, message) {
      await respond({ replace_original: true, ...message });
    },
  };
}

/** Slack's answer when the bot may not post in a channel (private, and not a member). */
export function isCannotPost(error: unknown): boolean {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}
