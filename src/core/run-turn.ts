/**
 * The one turn pipeline every platform runs: ask the core, take the buttons
 * off the clicked message, post the replies. All of it sits inside the error
 * boundary: whatever fails (the core, a render, a send) is logged with its
 * code and the turn id, and the person still gets an apology if the platform
 * lets us send one. Compare grammY's handleUpdate -> bot.catch and Bolt's
 * handleError, where a failure also ends in one place.
 */
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Answered, Reply, Turn, TurnResult } from './contract.js';

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
}

/** A posted card with live buttons: the platform's id of it, and the reply it showed. */
export interface PostedCard {
  id: string;
  reply: Reply;
}

export type Decide = (turn: Turn) => Promise<TurnResult>;

/** Told which card of the turn now carries the conversation's live buttons (or none). */
export type RememberCard = (card: PostedCard | null) => Promise<void>;

const hasButtons = (reply: Reply) => 'choices' in reply && reply.choices.length > 0;

export async function runTurn(
  decide: Decide,
  turn: Turn,
  sender: Sender,
  log: Logger,
  remember?: RememberCard,
): Promise<void> {
  const failed = (error: unknown, code: LogCode, message: string) =>
    log.error({ err: error, turnId: turn.id, code }, message);
  try {
    const result = await decide(turn);
    if (result.answered) {
      try {
        await sender.replace(result.answered);
      } catch (error) {
        // The core rejects a second click on an old message anyway; go on answering.
        log.warn(
          { err: error, turnId: turn.id, code: 'REPLACE_FAILED' satisfies LogCode },
          'could not replace the clicked message',
        );
      }
    }
    if (result.retire) {
      try {
        await sender.replace({ by: turn.user, shown: result.retire.shown }, result.retire.id);
      } catch (error) {
        log.warn(
          { err: error, turnId: turn.id, code: 'REPLACE_FAILED' satisfies LogCode },
          'could not take the buttons off the previous card',
        );
      }
    }
    let card: PostedCard | null = null;
    for (const reply of result.replies) {
      const id = await sender.post(reply);
      if (hasButtons(reply)) card = id ? { id, reply } : null;
    }
    if (result.newCard && remember) {
      try {
        await remember(card);
      } catch (error) {
        log.warn(
          { err: error, turnId: turn.id, code: 'CARD_NOT_REMEMBERED' satisfies LogCode },
          'could not remember the current card',
        );
      }
    }
  } catch (error) {
    failed(error, 'TURN_FAILED', 'turn failed');
    try {
      await sender.post({ kind: 'oops', reference: turn.id });
    } catch (apologyError) {
      failed(apologyError, 'APOLOGY_FAILED', 'could not even send the apology');
    }
  }
}
