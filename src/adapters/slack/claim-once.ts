/**
 * Slack resends an event when it did not see our acknowledgement in time (a
 * slow network, a restart), with the same `event_id`, for up to about an
 * hour; a captured slash command can be replayed with its signature while
 * fresh. Each event_id and each slash command's trigger_id is claimed in the
 * state store, so it is processed once across restarts and instances. A
 * delivery that never reached us has no claim, so its retry still goes
 * through. A store that does not answer lets the request through (a
 * possible double answer is better than none).
 */
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { StateStore } from '../../storage/state-store.js';

/** Longer than Slack keeps retrying an event (three retries within about an hour). */
export const CLAIM_TTL_MS = 2 * 60 * 60 * 1000;

/** The id a request is known by, or undefined for what is not deduplicated (clicks). */
export function claimIdOf(
  body: unknown,
): { key: string; log: { eventId: string } | { triggerId: string } } | undefined {
  const fields = (body ?? {}) as { event_id?: unknown; command?: unknown; trigger_id?: unknown };
  if (typeof fields.event_id === 'string' && fields.event_id) {
    return { key: `slack:event:${fields.event_id}`, log: { eventId: fields.event_id } };
  }
  const trigger = fields.trigger_id;
  if (typeof fields.command === 'string' && typeof trigger === 'string' && trigger) {
    return { key: `slack:command:${trigger}`, log: { triggerId: trigger } };
  }
  return undefined;
}

/**
 * Whether this delivery is the first of its id (then it is processed), claimed
 * in the store. Called from the deferred work, after the acknowledgement: the
 * acknowledgement waits for nothing, a retry or replay is acknowledged as the
 * first delivery was and its work stops here. Slack does not retry slash
 * commands; a command turned away "busy" in its acknowledgement claims nothing.
 */
export function claimFirst(
  store: StateStore,
  logger: Logger,
): (body: unknown, retryNum?: number, log?: Logger) => Promise<boolean> {
  return async (body, retryNum, log = logger) => {
    const id = claimIdOf(body);
    if (!id) return true;
    try {
      if (await store.claim(id.key, CLAIM_TTL_MS)) return true;
    } catch (error) {
      log.warn(
        { err: error, code: 'STORE_UNAVAILABLE' satisfies LogCode },
        'could not record the Slack request id; processing it anyway',
      );
      return true;
    }
    log.info(
      { ...id.log, retryNum, code: 'SLACK_RETRY_IGNORED' satisfies LogCode },
      'already handled this request',
    );
    return false;
  };
}
