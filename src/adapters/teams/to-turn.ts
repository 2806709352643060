/**
 * A Teams activity -> a core Turn. Translation only: who, where, and the text
 * (mention stripped) or the button payload.
 */
import { type Activity, ActivityTypes, TurnContext } from 'botbuilder';
import type { Turn } from '../../core/contract.js';
import { isTeamsActionValue, parseTeamsAction } from '../../renderers/action-codec.js';

const KINDS: Record<string, Turn['where']['kind']> = {
  personal: 'personal',
  groupChat: 'group',
  channel: 'channel',
};

interface TeamsChannelData {
  team?: { name?: string };
  channel?: { name?: string };
}

export function toTurn(activity: Activity, now: Date): Turn | null {
  const base = {
    id: activity.id ?? 'unknown',
    conversationId: `teams:${activity.conversation.id}`,
    user: { id: activity.from?.id ?? 'unknown', name: activity.from?.name },
    where: describePlace(activity),
    // Teams delivers channel messages only when the bot is @mentioned, and
    // every personal or group chat message is meant for it.
    addressed: true,
    at: now,
  };
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const botJoined = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    return botJoined ? { ...base, input: { kind: 'joined' } } : null;
  }
  if (activity.type !== ActivityTypes.Message) return null;
  if (isTeamsActionValue(activity.value)) {
    const action = parseTeamsAction(activity.value);
    return action ? { ...base, input: { kind: 'action', action } } : null;
  }
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return { ...base, input: { kind: 'text', text: stripHtml(text) } };
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
