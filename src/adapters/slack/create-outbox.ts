/**
 * Where a Slack conversation's messages go. Two ways, one interface:
 * the Web API for channel threads and the bot's own DM (we know the
 * channel and thread, and chat.update can edit what we posted), and a
 * `response_url` for private answers and DMs the bot may not be part of
 * (a slash command in a DM between two people), which is the only way to
 * reach those.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Sender } from '../../core/run-turn.js';
import {
  type Asked,
  type Block,
  type SlackMessage,
  toAnsweredMessage,
  toBlockKit,
} from '../../renderers/block-kit.js';
import { conversationIdOf, type Spot, toHandoffAddress } from './slack-place.js';

export interface Outbox {
  /** Posts a message; resolves to its ts when Slack tells it (the Web API does, a response_url does not). */
  post(message: SlackMessage): Promise<string | undefined>;
  /** Replaces a message the bot posted: a clicked one, or a slash command's placeholder. */
  replace(ts: string, message: SlackMessage): Promise<void>;
  /** Whether `replace` reaches any message by its ts (a response_url reaches only the clicked one). */
  byTs: boolean;
}

export function createWebOutbox(
  client: webApi.WebClient,
  channel: string,
  threadTs: string | undefined,
): Outbox {
  return {
    byTs: true,
    async post(message) {
      const posted = await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...message,
        // A pasted log line may hold links; previews of them would bury the answer.
        unfurl_links: false,
        unfurl_media: false,
      });
      return posted.ts;
    },
    async replace(ts, message) {
      await client.chat.update({ channel, ts, ...message });
    },
  };
}

export function createResponseUrlOutbox(
  given: RespondFn,
  responseType: 'in_channel' | 'ephemeral',
): Outbox {
  const respond = retryOnce(given);
  return {
    byTs: false,
    async post(message) {
      await respond({ response_type: responseType, replace_original: false, ...message });
      return undefined;
    },
    async replace(_ts, message) {
      await respond({ replace_original: true, ...message });
    },
  };
}

/**
 * A response_url that failed for a passing reason (timeout, network, 429,
 * 5xx) is tried once more after a short pause; anything else is final.
 */
function retryOnce(respond: RespondFn): RespondFn {
  return async (message) => {
    try {
      return await respond(message);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      const passing = typeof status !== 'number' || status === 429 || status >= 500;
      if (!passing) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return respond(message);
    }
  };
}

/**
 * Where a spot's messages go, decided once for every handler: a thread
 * through the Web API; otherwise the response_url when there is one (slash
 * commands, clicks), which reaches DMs the bot is not part of and private
 * answers; otherwise the bot's own DM through the Web API (direct messages).
 */
export function outboxFor(
  spot: Spot,
  via: {
    client: webApi.WebClient;
    respond?: RespondFn | undefined;
    responseType: 'in_channel' | 'ephemeral';
    /** A DM message's own thread, if it was written in one. */
    threadTs?: string | undefined;
  },
): Outbox {
  if (spot.kind === 'thread') return createWebOutbox(via.client, spot.channel, spot.threadTs);
  if (via.respond) return createResponseUrlOutbox(via.respond, via.responseType);
  if (spot.kind === 'dm') return createWebOutbox(via.client, spot.channel, via.threadTs);
  throw new Error('a private answer came without a response_url');
}

/** Slack's answer when the bot may not post in a channel (private, and not a member). */
export function isCannotPost(error: unknown): boolean {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}

export interface SenderOptions {
  /** The message a click was made on: its ts, and its blocks as Slack sent them. */
  clicked?: { ts: string | undefined; blocks: Block[] };
  /** Shown above the first reply of a slash command. */
  asked?: Asked;
}

/** The turn pipeline's Sender for Slack: Block Kit through one outbox. */
export function outboxSender(outbox: Outbox, options: SenderOptions = {}): Sender {
  let posted = 0;
  return {
    async post(reply) {
      const first = posted++ === 0;
      const message =
        first && options.asked ? toBlockKit(reply, { asked: options.asked }) : toBlockKit(reply);
      return outbox.post(message);
    },
    async replace(answered, messageId) {
      const clicked = options.clicked;
      if (messageId && messageId !== clicked?.ts) {
        // An earlier card, not the clicked one: only the Web API can reach it by its ts.
        if (outbox.byTs) await outbox.replace(messageId, toAnsweredMessage(answered));
        return;
      }
      if (clicked?.ts)
        await outbox.replace(clicked.ts, toAnsweredMessage(answered, clicked.blocks));
    },
  };
}

/**
 * The Sender for a slash command answered in a channel: its first reply is
 * posted as the root of a new thread (under "X asked: ..."), which opens the
 * conversation (`opened`); later replies go into that thread. One request
 * per answer: no placeholder is posted first to learn the thread's ts.
 * Where the bot may not post (a private channel it is not in), the answer
 * goes to the asker alone through the response_url instead, and the
 * conversation is the turn's own (private) one.
 */
export function openingSender(via: {
  client: webApi.WebClient;
  respond: RespondFn;
  channel: string;
  /** The thread the root opens, from its ts. */
  threadAt: (ts: string) => Extract<Spot, { kind: 'thread' }>;
  asked: Asked;
  /** Told when the bot may not post in the channel and answers privately. */
  onCannotPost: () => void;
}): Sender {
  let rest: Sender | undefined;
  let opened: ReturnType<NonNullable<Sender['opened']>>;
  return {
    async post(reply) {
      if (rest) return rest.post(reply);
      try {
        const ts = await createWebOutbox(via.client, via.channel, undefined).post(
          toBlockKit(reply, { asked: via.asked }),
        );
        if (!ts) throw new Error('Slack gave no ts for the thread root');
        const thread = via.threadAt(ts);
        opened = { conversationId: conversationIdOf(thread), address: toHandoffAddress(thread) };
        rest = outboxSender(createWebOutbox(via.client, via.channel, ts));
        return ts;
      } catch (error) {
        if (!isCannotPost(error)) throw error;
        via.onCannotPost();
        rest = outboxSender(createResponseUrlOutbox(via.respond, 'ephemeral'), {
          asked: via.asked,
        });
        return rest.post(reply);
      }
    },
    async replace(answered, messageId) {
      // A new conversation has no earlier card; only a later reply of this turn could be meant.
      await rest?.replace(answered, messageId);
    },
    opened: () => opened,
  };
}
