/**
 * Slack payloads -> core Turns. Translation only: who, where (from the place
 * codec, `slack-place.ts`), and the words or the button payload.
 */
import type { Turn } from '../../core/contract.js';
import { isOurSlackActionId, parseSlackAction } from '../../renderers/action-codec.js';
import { toPlainText } from './mrkdwn-to-text.js';
import type { SlackActionBody, SlackCommand, SlackEventBody } from './slack-payloads.js';
import {
  conversationIdOf,
  describePlace,
  isDirectMessage,
  type Spot,
  toHandoffAddress,
} from './slack-place.js';

/** Messages people write; edits, joins and bot posts have a subtype and are not questions. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

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
    address: toHandoffAddress(spot),
  };
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
    address: toHandoffAddress(spot, event.thread_ts),
  };
  return { turn, spot };
}

/** A click on one of our buttons -> a Turn and the spot of the clicked message. */
export function actionToTurn(body: SlackActionBody, now: Date): { turn: Turn; spot: Spot } | null {
  const clicked = body.actions.find((a) => isOurSlackActionId(a.action_id));
  const channel = body.channel?.id ?? body.container.channel_id;
  const messageTs = body.container.message_ts ?? body.message?.ts;
  const team = body.team?.id ?? body.user.team_id;
  if (!clicked?.value || !channel || !messageTs || !team) return null;
  const action = parseSlackAction(clicked.value);
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
    replyToId: messageTs,
    address: toHandoffAddress(spot, body.container.thread_ts),
  };
  return { turn, spot };
}
