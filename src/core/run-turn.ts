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
import type { Reply, Turn, TurnResult } from './contract.js';

/** How a platform delivers replies for one turn (teams.ts calls its twin ISender). */
export interface Sender {
  /** Renders one reply for the platform and sends it where the conversation lives. */
  post(reply: Reply): Promise<void>;
  /** Replaces the clicked message with its answered form: no buttons, who answered what. */
  replace(answered: NonNullable<TurnResult['answered']>): Promise<void>;
}

export type Decide = (turn: Turn) => Promise<TurnResult>;

export async function runTurn(
  decide: Decide,
  turn: Turn,
  sender: Sender,
  log: Logger,
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
    for (const reply of result.replies) await sender.post(reply);
  } catch (error) {
    failed(error, 'TURN_FAILED', 'turn failed');
    try {
      await sender.post({ kind: 'oops', reference: turn.id });
    } catch (apologyError) {
      failed(apologyError, 'APOLOGY_FAILED', 'could not even send the apology');
    }
  }
}
