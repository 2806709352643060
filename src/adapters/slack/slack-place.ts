/**
 * The Slack place codec: where a conversation lives, decided once for
 * every handler. Where a conversation lives in Slack (its "spot") decides its id:
 * - a direct message: the whole DM, `slack:<team>:<channel>`, like Teams' personal chat;
 * - a channel: one thread, `slack:<team>:<channel>:<thread root ts>`, so two
 *   people asking about two errors in one channel never share a flow;
 * - a private (ephemeral) slash command answer, which has no thread and only
 *   its asker can see: `slack:<team>:<channel>:private:<user>`.
 * A click computes the same id from the message it was made on.
 */
import type { HandoffAddress, Turn } from '../../core/contract.js';
import type { SlackCommand } from './slack-payloads.js';

export type Spot =
  | { kind: 'dm'; team: string; channel: string }
  | { kind: 'thread'; team: string; channel: string; threadTs: string }
  | { kind: 'private'; team: string; channel: string; user: string };

export function conversationIdOf(spot: Spot): string {
  switch (spot.kind) {
    case 'dm':
      return `slack:${spot.team}:${spot.channel}`;
    case 'thread':
      return `slack:${spot.team}:${spot.channel}:${spot.threadTs}`;
    case 'private':
      return `slack:${spot.team}:${spot.channel}:private:${spot.user}`;
    default: {
      const unreachable: never = spot;
      throw new Error(`unhandled spot ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Slack ids say what they are: D... is a direct message. */
export const isDirectMessage = (channel: string) => channel.startsWith('D');

export function describePlace(channel: string, name?: string, type?: string): Turn['where'] {
  if (type === 'im' || isDirectMessage(channel))
    return { platform: 'slack', kind: 'personal', label: 'direct message' };
  if (type === 'mpim' || name?.startsWith('mpdm-'))
    return { platform: 'slack', kind: 'group', label: 'a group DM' };
  const label = name && name !== 'privategroup' ? `#${name}` : `Slack channel ${channel}`;
  return { platform: 'slack', kind: 'channel', label };
}

/**
 * How a slash command is answered, decided once from the configured
 * visibility: a visible answer in a channel is the root of a thread (posted
 * first, so its ts is the conversation's); anything else goes through the
 * response_url, visible in a DM only when answers are meant to be visible.
 */
export function commandPlace(
  command: SlackCommand,
  visibility: 'in_channel' | 'ephemeral',
): { threaded: boolean; responseType: 'in_channel' | 'ephemeral' } {
  const direct = isDirectMessage(command.channel_id);
  return {
    threaded: !direct && visibility === 'in_channel',
    responseType: direct && visibility === 'in_channel' ? 'in_channel' : 'ephemeral',
  };
}

/** Where a slash command's conversation lives, before anything is posted. */
export function commandSpot(
  command: SlackCommand,
  visibility: 'in_channel' | 'ephemeral',
  postedTs?: string,
): Spot {
  const base = { team: command.team_id, channel: command.channel_id };
  if (isDirectMessage(command.channel_id)) return { kind: 'dm', ...base };
  if (commandPlace(command, visibility).threaded && postedTs)
    return { kind: 'thread', ...base, threadTs: postedTs };
  return { kind: 'private', ...base, user: command.user_id };
}

/** How answers to a click outside a thread show: to everyone in a DM, to the asker when private. */
export function clickResponseType(spot: Spot): 'in_channel' | 'ephemeral' {
  return spot.kind === 'dm' ? 'in_channel' : 'ephemeral';
}

/** Where the bot can post to a spot later, outside any turn (hand-off news). */
export interface SlackAddress {
  channel: string;
  threadTs?: string | undefined;
  /** A private answer: news goes to this person only (an ephemeral message). */
  user?: string | undefined;
}

export function addressOf(spot: Spot, threadTs?: string): SlackAddress {
  switch (spot.kind) {
    case 'thread':
      return { channel: spot.channel, threadTs: spot.threadTs };
    case 'dm':
      return { channel: spot.channel, ...(threadTs ? { threadTs } : {}) };
    case 'private':
      return { channel: spot.channel, user: spot.user };
    default: {
      const unreachable: never = spot;
      throw new Error(`unhandled spot ${JSON.stringify(unreachable)}`);
    }
  }
}

export function toHandoffAddress(spot: Spot, threadTs?: string): HandoffAddress {
  return { platform: 'slack', at: addressOf(spot, threadTs) };
}
