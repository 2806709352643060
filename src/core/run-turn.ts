/**
 * The one turn pipeline every platform runs: ask the core, take the buttons
 * off the clicked message, post the replies. All of it sits inside the error
 * boundary: whatever fails (the core, a render, a send) is logged with its
 * code and the turn id, and the person still gets an apology if the platform
 * lets us send one. Compare grammY's handleUpdate -> bot.catch and Bolt's
 * handleError, where a failure also ends in one place.
 *
 * One round trip per answer: nothing is sent before the core has decided.
 * A typing indicator goes out only when deciding is still under way after
 * `typingAfterMs` (a slow hand-off webhook, a slow store); an immediate
 * answer is the indicator. Replacing the clicked message and posting the
 * next one are independent calls, so they run side by side; the replies
 * themselves keep their order.
 */
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Answered, HandoffAddress, Reply, Turn, TurnResult } from './contract.js';

/** How a platform delivers replies for one turn (teams.ts calls its twin ISender). */
export interface Sender {
  /**
   * Renders one reply for the platform and sends it where the conversation
   * lives; resolves to the platform's id of the message posted, when it has one.
   */
  post(reply: Reply): Promise<string | undefined>;
  /**
   * Replaces a message with its answered form: no buttons, who answered
   * what. The clicked message, or the message with this platform id.
   */
  replace(answered: Answered, messageId?: string): Promise<void>;
  /** Shows that the bot is working on an answer (Teams' typing indicator); optional. */
  typing?(): Promise<void>;
  /**
   * For a turn that opens its conversation (`Turn.opensConversation`): after
   * the posts, the conversation the first post opened (its id and address),
   * or undefined when it opened none and the turn's own id stands.
   */
  opened?(): { conversationId: string; address?: HandoffAddress | undefined } | undefined;
}

/** A posted card with live buttons: the platform's id of it, and the reply it showed. */
export interface PostedCard {
  id: string;
  reply: Reply;
}

/** Told which card of the turn now carries the conversation's live buttons (or none). */
export type RememberCard = (card: PostedCard | null) => Promise<void>;

const hasButtons = (reply: Reply) => 'choices' in reply && reply.choices.length > 0;

export type Decide = (turn: Turn) => Promise<TurnResult>;

/** How long a turn may think before the person is shown that it is working. */
export const TYPING_AFTER_MS = 300;

export interface RunTurnOptions {
  /** Milliseconds before the typing indicator; TYPING_AFTER_MS when unset. */
  typingAfterMs?: number;
  /** Keeps the id of the turn's last card with buttons (only the current card has live ones). */
  remember?: RememberCard;
}

export async function runTurn(
  decide: Decide,
  turn: Turn,
  sender: Sender,
  log: Logger,
  options: RunTurnOptions = {},
): Promise<void> {
  const failed = (error: unknown, code: LogCode, message: string) =>
    log.error({ err: error, turnId: turn.id, code }, message);
  const typing = startTyping(turn, sender, log, options.typingAfterMs ?? TYPING_AFTER_MS);
  try {
    const result = await decide(turn);
    // An indicator already on its way must land before the answer, or it
    // would show "typing" under an answer that is already there.
    await typing.stop();
    const replaced = result.answered
      ? sender.replace(result.answered).catch((error: unknown) => {
          // The core rejects a second click on an old message anyway; go on answering.
          log.warn(
            { err: error, turnId: turn.id, code: 'REPLACE_FAILED' satisfies LogCode },
            'could not replace the clicked message',
          );
        })
      : undefined;
    // A card this turn made old (a typed answer moved the flow on) loses its buttons too.
    const retired = result.retire
      ? sender
          .replace({ by: turn.user, shown: result.retire.shown }, result.retire.id)
          .catch((error: unknown) => {
            log.warn(
              { err: error, turnId: turn.id, code: 'REPLACE_FAILED' satisfies LogCode },
              'could not take the buttons off the previous card',
            );
          })
      : undefined;
    let card: PostedCard | null = null;
    try {
      for (const reply of result.replies) {
        const id = await sender.post(reply);
        if (hasButtons(reply)) card = id ? { id, reply } : null;
      }
    } finally {
      await replaced;
      await retired;
    }
    if (result.newCard && options.remember) {
      try {
        await options.remember(card);
      } catch (error) {
        log.warn(
          { err: error, turnId: turn.id, code: 'CARD_NOT_REMEMBERED' satisfies LogCode },
          'could not remember the current card',
        );
      }
    }
  } catch (error) {
    await typing.stop();
    failed(error, 'TURN_FAILED', 'turn failed');
    try {
      await sender.post({ kind: 'oops', reference: turn.id });
    } catch (apologyError) {
      failed(apologyError, 'APOLOGY_FAILED', 'could not even send the apology');
    }
  }
}

/**
 * Arms the typing indicator; `stop()` disarms it and resolves once an
 * indicator already sent is answered (its failure is only logged: an
 * indicator is never worth an apology).
 */
function startTyping(
  turn: Turn,
  sender: Sender,
  log: Logger,
  afterMs: number,
): { stop(): Promise<void> } {
  const send = sender.typing?.bind(sender);
  // Nobody waits for an answer to "the bot was added", nor to channel chatter
  // the bot may well not answer.
  if (!send || turn.input.kind === 'joined' || !turn.addressed) return { stop: async () => {} };
  let sent: Promise<void> | undefined;
  const timer = setTimeout(() => {
    sent = send().catch((error: unknown) => {
      log.warn(
        { err: error, turnId: turn.id, code: 'TYPING_FAILED' satisfies LogCode },
        'could not show the typing indicator',
      );
    });
  }, afterMs);
  timer.unref?.();
  return {
    async stop() {
      clearTimeout(timer);
      await sent;
    },
  };
}
