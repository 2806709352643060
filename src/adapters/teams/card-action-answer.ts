/**
 * The HTTP answer to an Action.Execute click (an `adaptiveCard/action`
 * invoke), gathered while the turn runs. Microsoft's "Universal Bot action
 * model" page gives its shape: HTTP status 200 and a body
 * `{ statusCode, type, value }`; with `statusCode: 200` and the type
 * `application/vnd.microsoft.card.adaptive` the client shows `value` (a card)
 * in place of the clicked one, with a string `value` under
 * `application/vnd.microsoft.activity.message` it shows a message, and a
 * refused request is a 400 with `application/vnd.microsoft.error`
 * (https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model#response-format;
 * the card type as Teams' own samples and botbuilder's CardFactory spell it).
 *
 * Who sees the card: only the person who clicked, on the client they
 * clicked in. Teams' "Sequential workflows" page says a user moves through
 * the cards "without modifying the card for other users" and that their
 * progress is synced across devices only by a card's `refresh`; "User
 * Specific Views" says the returned card "is sent only to the specific
 * client that requested for it". Microsoft's own Teams SDKs name the choice
 * REPLACE_FOR_INTERACTOR (the invoke answer alone) and REPLACE_FOR_ALL (a
 * message edit as well). So the Teams sender edits the message too wherever
 * others read the conversation (group chats, channels); in personal chat the
 * answer alone replaces the card (README, "Buttons in Teams").
 */
import type { TeamsCard } from '../../renderers/adaptive-card.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';
export const ERROR_CONTENT_TYPE = 'application/vnd.microsoft.error';

export type CardActionResponse =
  | { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: Record<string, unknown> }
  | { statusCode: 200; type: typeof MESSAGE_CONTENT_TYPE; value: string }
  | { statusCode: 400; type: typeof ERROR_CONTENT_TYPE; value: { code: string; message: string } };

/** What the turn of one click leaves for its invoke's HTTP answer. */
export interface CardActionAnswer {
  /** The card shown in place of the clicked one (its answered form, or why the click was stale). */
  card?: TeamsCard;
  /** The summary of the first message the turn posted: shown when there is no card. */
  note?: string;
  /** The click was not one of our buttons, or its data was not a valid action. */
  refused?: boolean;
}

/**
 * The body of the invoke's answer, or undefined when the turn left nothing
 * to show yet (still running at the deadline): then an empty 200, as for
 * any other invoke.
 */
export function cardActionResponse(answer: CardActionAnswer): CardActionResponse | undefined {
  if (answer.card) return { statusCode: 200, type: CARD_CONTENT_TYPE, value: answer.card.card };
  if (answer.refused) {
    return {
      statusCode: 400,
      type: ERROR_CONTENT_TYPE,
      value: { code: 'BadRequest', message: 'not a button of this bot' },
    };
  }
  if (answer.note !== undefined) {
    return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: answer.note };
  }
  return undefined;
}
