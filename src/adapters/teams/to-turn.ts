/**
 * A Teams activity -> a core Turn. Translation only: who, where, and the text
 * (mention stripped) or the button payload: an Action.Execute click (an
 * `adaptiveCard/action` invoke) or its Action.Submit fallback (a message
 * with `value`) carry the same data and make the same turn.
 */
import { type Activity, ActivityTypes, TurnContext } from 'botbuilder';
import type { Turn } from '../../core/contract.js';
import {
  executeData,
  isTeamsActionValue,
  parseTeamsAction,
  TEAMS_CARD_ACTION_INVOKE,
} from '../../renderers/action-codec.js';

const KINDS: Record<string, Turn['where']['kind']> = {
  personal: 'personal',
  groupChat: 'group',
  channel: 'channel',
};

interface TeamsChannelData {
  team?: { name?: string };
  channel?: { name?: string };
}

/**
 * A channel message's reply chain: Teams names it in the conversation id
 * (`19:...@thread.tacv2;messageid=<root>`). A root post that comes without
 * it starts its own chain, so answers go under it, not as new posts.
 */
export function toReplyChain(activity: Activity): Activity {
  const conversation = activity.conversation;
  if (
    activity.type !== ActivityTypes.Message ||
    conversation?.conversationType !== 'channel' ||
    conversation.id.includes(';messageid=')
  )
    return activity;
  if (!activity.id) return activity;
  return {
    ...activity,
    conversation: { ...conversation, id: `${conversation.id};messageid=${activity.id}` },
  };
}

/** Whether the bot is @mentioned in the activity. */
function mentionsBot(activity: Activity): boolean {
  const bot = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === bot,
  );
}

export function toTurn(activity: Activity, now: Date): Turn | null {
  const where = describePlace(activity);
  const base = {
    id: activity.id ?? 'unknown',
    // A channel conversation is one reply chain, as a Slack thread is.
    conversationId: `teams:${activity.conversation.id}`,
    user: { id: activity.from?.id ?? 'unknown', name: activity.from?.name },
    where,
    // With resource-specific consent (ChannelMessage.Read.Group) Teams sends
    // every channel message; only an @mention addresses the bot there. The
    // core answers the rest only when it names a code or continues a flow,
    // as in Slack. Every personal or group chat message is meant for the bot.
    addressed: where.kind !== 'channel' || mentionsBot(activity),
    at: now,
    address: {
      platform: 'teams' as const,
      at: TurnContext.getConversationReference(activity),
    },
  };
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const botJoined = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    return botJoined ? { ...base, input: { kind: 'joined' } } : null;
  }
  if (activity.type === ActivityTypes.Invoke) {
    if (activity.name !== TEAMS_CARD_ACTION_INVOKE) return null;
    const data = executeData(activity.value);
    return isTeamsActionValue(data) ? clickTurn(base, activity, data) : null;
  }
  if (activity.type !== ActivityTypes.Message) return null;
  if (isTeamsActionValue(activity.value)) return clickTurn(base, activity, activity.value);
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return { ...base, input: { kind: 'text', text: stripHtml(text) } };
}

/** A click on one of our buttons, or null when its payload is not a valid Action. */
function clickTurn(
  base: Omit<Turn, 'input'>,
  activity: Activity,
  value: Record<string, unknown>,
): Turn | null {
  const action = parseTeamsAction(value);
  return action
    ? { ...base, addressed: true, replyToId: activity.replyToId, input: { kind: 'action', action } }
    : null;
}

/** Whether an activity is a click on an Action.Execute button (answered in its HTTP response). */
export function isCardAction(activity: Activity): boolean {
  return activity.type === ActivityTypes.Invoke && activity.name === TEAMS_CARD_ACTION_INVOKE;
}

function describePlace(activity: Activity): Turn['where'] {
  const kind = KINDS[activity.conversation.conversationType ?? 'personal'] ?? 'personal';
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const label =
    kind === 'channel'
      ? [data.team?.name, data.channel?.name ? `#${data.channel.name}` : undefined]
          .filter(Boolean)
          .join(' ') || 'a Teams channel'
      : kind === 'group'
        ? 'a group chat'
        : 'personal chat';
  return { platform: 'teams', kind, label };
}

/** Teams may send rich text as HTML; the resolver wants the words. */
function stripHtml(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}
