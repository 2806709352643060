/**
 * Every code the program raises or logs. Logs and tests match on these codes,
 * never on wording. "No match" is not an error: it is a normal reply.
 */

/** Codes of the errors the program throws as `WuerrorError`. */
export type WuerrorErrorCode =
  | 'KNOWLEDGE_INVALID' // a knowledge file failed validation
  | 'CONFIG_INVALID' // environment variables failed validation
  | 'USAGE' // bad command-line arguments
  | 'STATE_CONFLICT' // a state save lost a compare-and-set race (someone saved first)
  | 'STORE_UNAVAILABLE' // the state store (Redis) did not answer
  | 'DATA_DIR_UNUSABLE' // DATA_DIR is a file, read-only or cannot be created
  | 'DATABASE_CORRUPT'; // the SQLite file failed its integrity check at start-up

/** Codes that only appear in logs: something failed or was skipped, and the program carried on. */
export type LogCode =
  | WuerrorErrorCode
  | 'STARTUP_FAILED' // the server could not start
  | 'HTTP_FAILED' // an HTTP request ended in a 500
  | 'HTTP_REJECTED' // an HTTP request refused with a 4xx (malformed body, too large)
  | 'HTTP_RATE_LIMITED' // one client sent more requests per minute than allowed (429)
  | 'RATE_LIMIT_UNAVAILABLE' // the store did not answer a rate-limit count; the request went on
  | 'RATE_LIMITED' // a person or conversation sent more turns per minute than allowed
  | 'NOT_READY' // a /readyz check failed (store, knowledge)
  | 'OPEN_ANONYMOUS' // anonymous mode (no Bot Framework credentials) listening beyond loopback
  | 'TEAMS_REJECTED' // a Teams request refused (bad activity, bad token, serviceUrl not allowed)
  | 'TEAMS_AUTH_UNAVAILABLE' // the Bot Framework key endpoint could not be reached (503)
  | 'TEAMS_REPLAY_IGNORED' // a Teams activity id already processed
  | 'TEAMS_TURN_SLOW' // a Teams turn passed its deadline; the request was answered anyway
  | 'BOTBUILDER_LOG' // console output of botbuilder, routed into our log
  | 'SLACK_REJECTED' // a Slack request refused before Bolt (dated in the future)
  | 'SLACK_TOO_LONG' // a slash command's text over the limit; the person was told
  | 'TURN_FAILED' // the core or a send failed during a turn; the person got an apology
  | 'APOLOGY_FAILED' // even the apology could not be sent
  | 'HANDOFF_FAILED' // the helpdesk webhook refused or timed out
  | 'REPLACE_FAILED' // the clicked message could not be replaced (buttons stay)
  | 'CARD_NOT_REMEMBERED' // the id of the current card was not saved (its buttons stay later)
  | 'STATE_NOT_SAVED' // a conversation opened by its first post (a Slack thread root) could not be saved
  | 'HANDOFF_RECORD_FAILED' // a hand-off's address was not kept; status callbacks cannot reach it
  | 'HANDOFF_CALLBACK_UNAUTHORIZED' // a status callback without the right bearer secret (401)
  | 'HANDOFF_CALLBACK_BAD_BODY' // a status callback with a body we do not accept (400)
  | 'HANDOFF_CALLBACK_UNKNOWN_FLOW' // a status callback for a flow with no hand-off (404)
  | 'HANDOFF_CALLBACK_REPLAY' // a status callback already delivered; not posted again
  | 'HANDOFF_CALLBACK_FAILED' // the platform refused the status message (502)
  | 'HANDOFF_CALLBACK_DELIVERED' // info: a status callback posted in the conversation
  | 'TYPING_FAILED' // the typing indicator of a slow turn could not be shown
  | 'WORKER_EXITED' // a server worker (WEB_CONCURRENCY > 1) died and is being replaced
  | 'SLACK_BAD_PAYLOAD' // a Slack payload we did not expect (unknown command, foreign button)
  | 'SLACK_CANNOT_POST' // Slack refused a post (bot not in the channel)
  | 'SLACK_RETRY_IGNORED' // a Slack retry (event_id, slash trigger_id) already handled
  | 'SLACK_HANDLED' // debug: a Slack request and how long it took
  | 'SLACK_HANDLER_FAILED' // a Slack handler threw outside a turn
  | 'TEAMS_TURN_FAILED' // the Teams adapter threw outside a turn
  | 'WORK_REFUSED' // deferred work past the queue's bound (or too old) was answered "busy"
  | 'WORK_FAILED' // deferred work threw past its own error handling
  | 'SHUTDOWN_TIMEOUT'; // a graceful stop ended before all work finished

export class WuerrorError extends Error {
  readonly code: WuerrorErrorCode;

  constructor(code: WuerrorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WuerrorError';
    this.code = code;
  }
}

export function isWuerrorError(error: unknown): error is WuerrorError {
  return error instanceof WuerrorError;
}

/** True for a lost compare-and-set, recognised by code only. */
export function isStateConflict(error: unknown): boolean {
  return isWuerrorError(error) && error.code === 'STATE_CONFLICT';
}
