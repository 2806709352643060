/**
 * The request id of whatever is running now, carried through promises by
 * AsyncLocalStorage: the server opens a context per HTTP request (and the
 * Socket Mode client per envelope), and the logger's mixin adds the id to
 * every line written inside it, without threading a logger through calls.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A short random id; an incoming X-Request-Id is kept when it looks sane. */
export function newRequestId(incoming?: string | undefined): string {
  if (incoming && /^[\w.:-]{1,64}$/.test(incoming)) return incoming;
  return randomUUID().slice(0, 12);
}

export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** pino's mixin: `{ reqId }` inside a request, nothing outside. */
export function requestIdMixin(): Record<string, unknown> {
  const requestId = currentRequestId();
  return requestId ? { reqId: requestId } : {};
}
