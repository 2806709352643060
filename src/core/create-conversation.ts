/**
 * The conversation: reads the state of the turn's conversation, decides,
 * saves, delivers a hand-off, and answers. It is also the one error boundary
 * every platform shares: whatever fails inside a turn is logged with the
 * turn id and answered with a short apology, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { isStateConflict } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Resolver } from '../resolver/create-resolver.js';
import type { StateStore } from '../storage/state-store.js';
import { withoutChoices } from './build-replies.js';
import type { HandoffSummary, Reply, Turn, TurnResult } from './contract.js';
import { loadState, saveState } from './conversation-state.js';
import { type Decision, decideTurn } from './decide-turn.js';
import { runTurn, type Sender } from './run-turn.js';

/** Where hand-off summaries go besides the chat (a ticketing webhook). */
export interface HandoffSink {
  /** Resolves to 'not-configured' when there is nowhere to send; throws when sending failed. */
  deliver(summary: HandoffSummary): Promise<'webhook' | 'not-configured'>;
}

export interface ConversationDeps {
  resolver: Resolver;
  store: StateStore;
  handoff: HandoffSink;
  logger: Logger;
  newId?: () => string;
}

export interface Conversation {
  /** Decides one turn and saves the state; never throws (a failure becomes an apology). */
  handle(turn: Turn): Promise<TurnResult>;
  /** The whole turn through the one pipeline: decide, replace the clicked message, post. */
  run(turn: Turn, sender: Sender): Promise<void>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const newId = deps.newId ?? (() => randomUUID().slice(0, 8));
  const log = deps.logger;

  async function decideAndSave(turn: Turn): Promise<Decision> {
    // Two clicks racing on one card: the loser's save fails the version
    // check, and deciding again on the fresh state tells it the card is stale.
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await loadState(deps.store, turn.conversationId);
      const decision = decideTurn(turn, state, { resolver: deps.resolver, newId });
      if (decision.state === state) return decision;
      try {
        await saveState(deps.store, turn.conversationId, decision.state, version);
        return decision;
      } catch (error) {
        if (!isStateConflict(error) || attempt >= 3) throw error;
        log.warn(
          { turnId: turn.id, attempt, code: 'STATE_CONFLICT' },
          'state changed meanwhile; deciding again',
        );
      }
    }
  }

  async function deliver(summary: HandoffSummary, turn: Turn): Promise<HandoffSummary> {
    try {
      const delivered = await deps.handoff.deliver(summary);
      log.info(
        { turnId: turn.id, flowId: summary.flowId, code: summary.error.code, delivered },
        'hand-off',
      );
      return { ...summary, delivered };
    } catch (error) {
      log.error(
        { err: error, turnId: turn.id, flowId: summary.flowId, code: 'HANDOFF_FAILED' },
        'hand-off webhook failed',
      );
      return { ...summary, delivered: 'webhook-failed' };
    }
  }

  async function handle(turn: Turn): Promise<TurnResult> {
    try {
      const decision = await decideAndSave(turn);
      let replies: Reply[] = decision.replies;
      if (decision.handoff) {
        const summary = await deliver(decision.handoff, turn);
        replies = replies.map((reply) =>
          reply.kind === 'handoff' ? { kind: 'handoff', summary } : reply,
        );
      }
      log.info(
        {
          turnId: turn.id,
          platform: turn.where.platform,
          input: turn.input.kind,
          replies: replies.map((r) => r.kind),
        },
        'turn',
      );
      return { replies, ...answered(turn, replies, decision.clicked) };
    } catch (error) {
      log.error({ err: error, turnId: turn.id, code: 'TURN_FAILED' }, 'turn failed');
      return { replies: [{ kind: 'oops', reference: turn.id }] };
    }
  }

  return { handle, run: (turn, sender) => runTurn(handle, turn, sender, log) };
}

/** A fresh click: who answered what, on the reply as it was shown (its buttons go). */
function answered(
  turn: Turn,
  replies: Reply[],
  clicked: Reply | undefined,
): Pick<TurnResult, 'answered'> {
  // A stale click changes nothing, so its message is left as it was.
  if (turn.input.kind !== 'action' || replies[0]?.kind === 'stale') return {};
  return {
    answered: {
      by: turn.user,
      action: turn.input.action,
      ...(clicked ? { shown: withoutChoices(clicked) } : {}),
    },
  };
}
