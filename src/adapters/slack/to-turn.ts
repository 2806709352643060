/**
 * Slack payloads -> core Turns. Translation only: who, where (and so which
 * conversation the state belongs to), and the words or the button payload.
 *
 * Where a conversation lives in Slack (its "spot") decides its id:
 * - a direct message: the whole DM, `slack:<team>:<channel>`, like Teams' personal chat;
 * - a channel: one thread, `slack:<team>:<channel>:<thread root ts>`, so two
 *   people asking about two errors in one channel never share a flow;
 * - a private (ephemeral) slash command answer, which has no thread and only
 *   its asker can see: `slack:<team>:<channel>:private:<user>`.
 * A click computes the same id from the message it was made on.
 */
import type { Turn } from '../../core/contract.js';
import { ACTION_ID_PREFIX } from '../../renderers/block-kit-parts.js';
import { parseAction } from '../action-schema.js';
import type { SlackActionBody, SlackCommand, SlackEventBody } from './slack-payloads.js';

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

/** Messages people write; edits, joins and bot posts have a subtype and are not questions. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

function describePlace(channel: string, name?: string, type?: string): Turn['where'] {
  if (type === 'im' || isDirectMessage(channel))
    return { platform: 'slack', kind: 'personal', label: 'direct message' };
  if (type === 'mpim' || name?.startsWith('mpdm-'))
    return { platform: 'slack', kind: 'group', label: 'a group DM' };
  const label = name && name !== 'privategroup' ? `#${name}` : `Slack channel ${channel}`;
  return { platform: 'slack', kind: 'channel', label };
}

/**
 * Slack's encoded message text -> the words a person sees: `<@U1>` -> `@U1`,
 * `<https://x|label>` -> `label`, entities decoded. The bot's own mention goes.
 */
export function toPlainText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text;
  return withoutBot
    .replace(/<([^>|]*)(?:\|([^>]*))?>/g, (_all, target: string, label?: string) => {
      if (label) return label;
      if (target.startsWith('!')) return `@${target.slice(1).split('^')[0]}`;
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Slash commands are not escaped by Slack (the manifest says so): the text is as typed. */
export function commandToTurn(command: SlackCommand, spot: Spot, now: Date): Turn {
  return {
    id: `slack:${command.trigger_id ?? `${command.channel_id}:${now.getTime()}`}`,
    conversationId: conversationIdOf(spot),
    user: { id: command.user_id, name: command.user_name },
    where: describePlace(command.channel_id, command.channel_name),
    addressed: true,
    input: { kind: 'text', text: command.text.trim() },
    at: now,
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
  if (visibility === 'in_channel' && postedTs)
    return { kind: 'thread', ...base, threadTs: postedTs };
  return { kind: 'private', ...base, user: command.user_id };
}

/**
 * A message or @mention -> a Turn and its spot; null for what is not a
 * person talking (bots, edits, joins). A channel message that @mentions the
 * bot also arrives as `app_mention`; only that one is answered.
 */
export function eventToTurn(
  body: SlackEventBody,
  botUserId: string | undefined,
  now: Date,
): { turn: Turn; spot: Spot } | null {
  const event = body.event;
  if (event.bot_id || !event.user || !PERSON_SUBTYPES.has(event.subtype)) return null;
  if (botUserId && event.user === botUserId) return null;
  const direct = event.channel_type === 'im' || isDirectMessage(event.channel);
  const mentionsBot = botUserId !== undefined && event.text.includes(`<@${botUserId}>`);
  if (event.type === 'message' && !direct && mentionsBot) return null;
  const spot: Spot = direct
    ? { kind: 'dm', team: body.team_id, channel: event.channel }
    : {
        kind: 'thread',
        team: body.team_id,
        channel: event.channel,
        threadTs: event.thread_ts ?? event.ts,
      };
  const turn: Turn = {
    id: `slack:${body.event_id}`,
    conversationId: conversationIdOf(spot),
    user: { id: event.user },
    where: describePlace(event.channel, undefined, event.channel_type),
    addressed: direct || event.type === 'app_mention',
    input: { kind: 'text', text: toPlainText(event.text, botUserId) },
    at: now,
  };
  return { turn, spot };
}

/** A click on one of our buttons -> a Turn and the spot of the clicked message. */
export function actionToTurn(body: SlackActionBody, now: Date): { turn: Turn; spot: Spot } | null {
  const clicked = body.actions.find((a) => a.action_id.startsWith(ACTION_ID_PREFIX));
  const channel = body.channel?.id ?? body.container.channel_id;
  const messageTs = body.container.message_ts ?? body.message?.ts;
  const team = body.team?.id ?? body.user.team_id;
  if (!clicked?.value || !channel || !messageTs || !team) return null;
  const action = parseAction(safeJson(clicked.value));
  if (!action) return null;
  const spot: Spot = isDirectMessage(channel)
    ? { kind: 'dm', team, channel }
    : body.container.is_ephemeral
      ? { kind: 'private', team, channel, user: body.user.id }
      : {
          kind: 'thread',
          team,
          channel,
          threadTs: body.container.thread_ts ?? body.message?.thread_ts ?? messageTs,
        };
  const turn: Turn = {
    id: `slack:${body.trigger_id ?? `${channel}:${messageTs}:${now.getTime()}`}`,
    conversationId: conversationIdOf(spot),
    user: { id: body.user.id, name: body.user.name ?? body.user.username },
    where: describePlace(channel, body.channel?.name),
    addressed: true,
    input: { kind: 'action', action },
    at: now,
  };
  return { turn, spot };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Not our JSON: parseAction(undefined) rejects it like any other bad payload.
    return undefined;
  }
}
