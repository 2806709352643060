/**
 * The conversation: reads the state of the turn's conversation, decides,
 * saves, delivers a hand-off, and answers. It is also the one error boundary
 * every platform shares: whatever fails inside a turn is logged with the
 * turn id and answered with a short apology, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { isStateConflict } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { forRequest } from '../logging/request-logger.js';
import type { Resolver } from '../resolver/create-resolver.js';
import type { StateStore } from '../storage/state-store.js';
import { withoutChoices } from './build-replies.js';
import type {
  HandoffAddress,
  HandoffSummary,
  Reply,
  Ticket,
  Turn,
  TurnResult,
} from './contract.js';
import {
  type ConversationState,
  EMPTY_STATE,
  type LoadedState,
  loadState,
  saveState,
} from './conversation-state.js';
import { type Decision, decideTurn } from './decide-turn.js';
import { saveHandoffRecord } from './handoff-record.js';
import { type PostedCard, runTurn, type Sender } from './run-turn.js';

/** Where hand-off summaries go besides the chat (a ticketing webhook). */
export interface HandoffSink {
  /**
   * Resolves to 'not-configured' when there is nowhere to send, with the
   * ticket when the helpdesk answered with one; throws when sending failed.
   */
  deliver(
    summary: HandoffSummary,
  ): Promise<{ delivered: 'webhook' | 'not-configured'; ticket?: Ticket | undefined }>;
}

/** What the conversation reports for metrics; it never imports a metrics library. */
export interface TurnObserver {
  turn(platform: string, outcome: 'answered' | 'failed', seconds: number): void;
  flow(event: 'started' | 'fixed' | 'handed-off'): void;
  noMatch(): void;
}

export interface ConversationDeps {
  resolver: Resolver;
  store: StateStore;
  handoff: HandoffSink;
  logger: Logger;
  newId?: () => string;
  /** A conversation untouched this long is forgotten; kept forever when unset. */
  stateTtlMs?: number;
  observer?: TurnObserver;
}

export interface Conversation {
  /** Decides one turn and saves the state; never throws (a failure becomes an apology). */
  handle(turn: Turn): Promise<TurnResult>;
  /**
   * The whole turn through the one pipeline: decide, replace the clicked
   * message, post. `options.loaded`: the conversation's state already asked
   * for (`preload`), used instead of reading it again.
   */
  run(turn: Turn, sender: Sender, options?: RunOptions): Promise<void>;
  /**
   * Starts reading the state this turn will decide on, so the read can go to
   * the store together with other work of the turn (the rate-limit counts);
   * undefined when the turn reads nothing (it opens its conversation). A
   * failed read is reported by the run that uses it.
   */
  preload?(turn: Turn, sender: Sender): Promise<LoadedState> | undefined;
}

export interface RunOptions {
  loaded?: Promise<LoadedState> | undefined;
  /** The id of the request the turn came in (its log lines carry it as `reqId`). */
  reqId?: string | undefined;
}

/** A turn that opens its conversation decides on empty state and saves where it opened it. */
const isOpening = (turn: Turn, sender: Sender) =>
  turn.opensConversation === true && sender.opened !== undefined;

export function createConversation(deps: ConversationDeps): Conversation {
  const newId = deps.newId ?? (() => randomUUID().slice(0, 8));

  /**
   * A conversation that does not exist yet has no state: decided on the empty
   * one, saved where the first post opens it (saveOpened), not here.
   */
  function decideFresh(turn: Turn): { decision: Decision; before: ConversationState } {
    return {
      decision: decideTurn(turn, EMPTY_STATE, { resolver: deps.resolver, newId }),
      before: EMPTY_STATE,
    };
  }

  async function decideAndSave(
    turn: Turn,
    loaded: Promise<LoadedState> | undefined,
    log: Logger,
  ): Promise<{
    decision: Decision;
    before: ConversationState;
    /** The state as stored after this turn, and its version: what rememberCard builds on. */
    saved: LoadedState;
  }> {
    // Two clicks racing on one card: the loser's save fails the version
    // check, and deciding again on the fresh state tells it the card is stale.
    return retryOnConflict(
      async (attempt) => {
        // The first attempt decides on the state preloaded with the turn's other reads, if any.
        const { state, version } =
          attempt === 1 && loaded ? await loaded : await loadState(deps.store, turn.conversationId);
        const decision = decideTurn(turn, state, { resolver: deps.resolver, newId });
        if (decision.state === state) return { decision, before: state, saved: { state, version } };
        const saved = await saveState(
          deps.store,
          turn.conversationId,
          decision.state,
          version,
          deps.stateTtlMs,
        );
        reportFlow(state, decision.state);
        return { decision, before: state, saved: { state: decision.state, version: saved } };
      },
      (attempt) =>
        log.warn(
          { turnId: turn.id, attempt, code: 'STATE_CONFLICT' },
          'state changed meanwhile; deciding again',
        ),
    );
  }

  /** Flow events, counted once: only the turn whose save won reports them. */
  function reportFlow(before: Decision['state'], after: Decision['state']): void {
    const observer = deps.observer;
    const flow = after.flow;
    if (!observer || !flow) return;
    const previous = before.flow?.id === flow.id ? before.flow : null;
    if (!previous) observer.flow('started');
    if (flow.status !== previous?.status && flow.status !== 'active') observer.flow(flow.status);
  }

  async function deliver(
    summary: HandoffSummary,
    turn: Turn,
    log: Logger,
  ): Promise<HandoffSummary> {
    try {
      const { delivered, ticket } = await deps.handoff.deliver(summary);
      log.info(
        {
          turnId: turn.id,
          flowId: summary.flowId,
          code: summary.error?.code ?? null,
          delivered,
          ticket: ticket?.id,
        },
        'hand-off',
      );
      return { ...summary, delivered, ...(ticket ? { ticket } : {}) };
    } catch (error) {
      log.error(
        { err: error, turnId: turn.id, flowId: summary.flowId, code: 'HANDOFF_FAILED' },
        'hand-off webhook failed',
      );
      return { ...summary, delivered: 'webhook-failed' };
    }
  }

  /** Where the ticketing system's news about this hand-off will go (see handoff-record.ts). */
  async function keepHandoff(summary: HandoffSummary, turn: Turn, log: Logger): Promise<void> {
    if (!turn.address) return;
    try {
      await saveHandoffRecord(deps.store, {
        flowId: summary.flowId,
        conversationId: turn.conversationId,
        address: turn.address,
        error: summary.error ? { code: summary.error.code, title: summary.error.title } : null,
        ticket: summary.ticket,
      });
    } catch (error) {
      log.error(
        { err: error, turnId: turn.id, flowId: summary.flowId, code: 'HANDOFF_RECORD_FAILED' },
        'could not keep the hand-off for status callbacks',
      );
    }
  }

  /**
   * The conversation's last card with buttons, once the pipeline knows its
   * platform id. It builds on the state this turn saved (no second read on
   * the hot path); only when another turn saved meanwhile is it read again.
   */
  async function rememberCard(
    turn: Turn,
    card: PostedCard | null,
    saved: LoadedState | undefined,
  ): Promise<void> {
    await retryOnConflict(async (attempt) => {
      const { state, version } =
        attempt === 1 && saved ? saved : await loadState(deps.store, turn.conversationId);
      await saveState(
        deps.store,
        turn.conversationId,
        { ...state, lastCard: card },
        version,
        deps.stateTtlMs,
      );
    });
  }

  /**
   * Saves the state of a turn that opened its conversation, where it opened
   * it: a new thread has nothing stored yet; where nothing was opened (the
   * answer went privately) the turn's own conversation is overwritten, since
   * the command started afresh there.
   */
  async function saveOpened(
    turn: Turn,
    kept: { state: ConversationState; handoff?: HandoffSummary | undefined },
    opened: { conversationId: string; address?: HandoffAddress | undefined } | undefined,
    card: PostedCard | null,
    log: Logger,
  ): Promise<void> {
    const where = opened ? { ...turn, ...opened } : turn;
    if (kept.handoff) await keepHandoff(kept.handoff, where, log);
    const state = card ? { ...kept.state, lastCard: card } : kept.state;
    if (state === EMPTY_STATE) return;
    await retryOnConflict(async () => {
      const version = opened ? null : (await loadState(deps.store, where.conversationId)).version;
      await saveState(deps.store, where.conversationId, state, version, deps.stateTtlMs);
      reportFlow(EMPTY_STATE, state);
    });
  }

  /**
   * The turn's result, and the state it saved (none when the turn failed);
   * for a turn that opens its conversation, the state and hand-off still to
   * be kept once the conversation's id is known.
   */
  async function handleAndKeep(
    turn: Turn,
    log: Logger,
    opening = false,
    loaded?: Promise<LoadedState>,
  ): Promise<{
    result: TurnResult;
    saved?: LoadedState;
    pending?: { state: ConversationState; handoff?: HandoffSummary | undefined };
  }> {
    const started = performance.now();
    const report = (outcome: 'answered' | 'failed') =>
      deps.observer?.turn(turn.where.platform, outcome, (performance.now() - started) / 1000);
    try {
      const { decision, before, saved } = opening
        ? { ...decideFresh(turn), saved: undefined }
        : await decideAndSave(turn, loaded, log);
      let replies: Reply[] = decision.replies;
      let handoff: HandoffSummary | undefined;
      if (decision.handoff) {
        handoff = await deliver(decision.handoff, turn, log);
        if (!opening) await keepHandoff(handoff, turn, log);
        const summary = handoff;
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
      report('answered');
      if (replies.some((r) => r.kind === 'no-match')) deps.observer?.noMatch();
      const result: TurnResult = {
        replies,
        ...answered(turn, replies, decision.clicked),
        ...cardChange(turn, before, decision),
      };
      return opening ? { result, pending: { state: decision.state, handoff } } : { result, saved };
    } catch (error) {
      log.error({ err: error, turnId: turn.id, code: 'TURN_FAILED' }, 'turn failed');
      report('failed');
      return { result: { replies: [{ kind: 'oops', reference: turn.id }] } };
    }
  }

  return {
    handle: async (turn) => (await handleAndKeep(turn, deps.logger)).result,
    preload(turn, sender) {
      if (isOpening(turn, sender)) return undefined;
      const loading = loadState(deps.store, turn.conversationId);
      // Handled where it is awaited; a turn that never runs (rate-limited) drops it quietly.
      loading.catch(() => {});
      return loading;
    },
    async run(turn, sender, options = {}) {
      const log = forRequest(deps.logger, options.reqId);
      const opening = isOpening(turn, sender);
      let saved: LoadedState | undefined;
      let pending: { state: ConversationState; handoff?: HandoffSummary | undefined } | undefined;
      let card: PostedCard | null = null;
      const decide = async (t: Turn) => {
        const kept = await handleAndKeep(t, log, opening, opening ? undefined : options.loaded);
        saved = kept.saved;
        pending = kept.pending;
        return kept.result;
      };
      await runTurn(decide, turn, sender, log, {
        remember: opening
          ? async (posted) => {
              card = posted;
            }
          : (posted) => rememberCard(turn, posted, saved),
      });
      if (!pending) return;
      try {
        await saveOpened(turn, pending, sender.opened?.(), card, log);
      } catch (error) {
        // The answer is out; without its state a click on it will be told it is out of date.
        log.error(
          { err: error, turnId: turn.id, code: 'STATE_NOT_SAVED' },
          'could not save the new conversation',
        );
      }
    },
  };
}

/**
 * Only the current card has live buttons: when the flow moves on (whatever
 * moved it) or a new card with buttons is posted, the previous card loses
 * its buttons, unless it is the card just clicked (replaced anyway).
 */
function cardChange(
  turn: Turn,
  before: ConversationState,
  decision: Decision,
): Pick<TurnResult, 'retire' | 'newCard'> {
  const moved = decision.state.flow !== before.flow || decision.state.confirm !== before.confirm;
  const posted = decision.replies.some((r) => 'choices' in r && r.choices.length > 0);
  if (!moved && !posted) return {};
  const previous = before.lastCard;
  const retire =
    previous && previous.id !== turn.replyToId
      ? { retire: { id: previous.id, shown: withoutChoices(previous.reply) } }
      : {};
  return { ...retire, newCard: true };
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

/** Saves that lose a version race are tried this many times in all. */
const SAVE_ATTEMPTS = 3;

/**
 * Runs `attempt` again, from its read, when its save lost a version race to
 * another turn (STATE_CONFLICT); any other failure, or the last attempt's
 * conflict, is thrown.
 */
async function retryOnConflict<T>(
  attempt: (attempt: number) => Promise<T>,
  onConflict?: (attempt: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isStateConflict(error) || n >= SAVE_ATTEMPTS) throw error;
      onConflict?.(n);
    }
  }
}
