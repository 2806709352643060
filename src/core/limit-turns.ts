/**
 * Per-person and per-conversation rate limits around the conversation: a
 * fixed one-minute window counted with `StateStore.hit`, so the counts hold
 * across restarts and instances. The first turn over a limit is answered
 * with a friendly "slow down" (through the same Sender); later ones in the
 * same window are dropped without a word, so a flood cannot make the bot
 * flood back. A store that does not answer lets the turn through.
 */
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { forRequest } from '../logging/request-logger.js';
import type { StateStore } from '../storage/state-store.js';
import type { Turn } from './contract.js';
import type { Conversation, RunOptions } from './create-conversation.js';
import type { Sender } from './run-turn.js';

export const TURN_WINDOW_MS = 60_000;

export interface TurnLimits {
  /** Turns per person per minute; 0 turns it off. */
  perUser: number;
  /** Turns per conversation per minute; 0 turns it off. */
  perConversation: number;
}

type Verdict = 'ok' | 'first-over' | 'over';

export function limitTurns(
  conversation: Conversation,
  store: StateStore,
  limits: TurnLimits,
  logger: Logger,
): Conversation {
  async function count(key: string, limit: number): Promise<Verdict> {
    if (limit <= 0) return 'ok';
    const n = await store.hit(key, TURN_WINDOW_MS);
    return n <= limit ? 'ok' : n === limit + 1 ? 'first-over' : 'over';
  }

  async function verdict(turn: Turn, reqId: string | undefined): Promise<Verdict> {
    // A bot joining a conversation is not someone typing.
    if (turn.input.kind === 'joined') return 'ok';
    try {
      // Both counts always move, so they go out together: one round trip to Redis, not two.
      const [user, place] = await Promise.all([
        count(`rate:user:${turn.where.platform}:${turn.user.id}`, limits.perUser),
        count(`rate:conversation:${turn.conversationId}`, limits.perConversation),
      ]);
      if (user === 'ok' && place === 'ok') return 'ok';
      return user === 'first-over' || place === 'first-over' ? 'first-over' : 'over';
    } catch (error) {
      forRequest(logger, reqId).warn(
        { err: error, turnId: turn.id, code: 'RATE_LIMIT_UNAVAILABLE' satisfies LogCode },
        'rate limit skipped: the store did not answer',
      );
      return 'ok';
    }
  }

  return {
    ...conversation,
    async run(turn: Turn, sender: Sender, options?: RunOptions) {
      // The conversation's state is read alongside the counts (one batch for the store),
      // on the bet that the turn goes ahead: a limited turn wastes one read.
      const loaded = options?.loaded ?? conversation.preload?.(turn, sender);
      const reqId = options?.reqId;
      const decided = await verdict(turn, reqId);
      if (decided === 'ok') return conversation.run(turn, sender, { loaded, reqId });
      const log = forRequest(logger, reqId);
      log.warn(
        {
          turnId: turn.id,
          conversationId: turn.conversationId,
          answered: decided === 'first-over',
          code: 'RATE_LIMITED' satisfies LogCode,
        },
        'too many turns; not answered',
      );
      if (decided !== 'first-over') return;
      try {
        await sender.post({ kind: 'slow-down', retryAfterSeconds: TURN_WINDOW_MS / 1000 });
      } catch (error) {
        log.warn(
          { err: error, turnId: turn.id, code: 'APOLOGY_FAILED' satisfies LogCode },
          'could not send the slow-down note',
        );
      }
    },
  };
}
