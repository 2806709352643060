/**
 * Remembers the last few thousand event ids. Slack resends an event when it
 * did not see our acknowledgement in time (a slow network, a restart), with
 * the same `event_id` and an `X-Slack-Retry-Num` header. Dropping every
 * retry would lose an event whose first delivery never reached us, so we
 * drop only ids we have already taken in. Slack stops retrying after about
 * an hour and three attempts, so a bounded memory is enough; with several
 * instances behind a load balancer each keeps its own, which is why the
 * ack itself is immediate and retries stay rare.
 */
export interface RecentIds {
  /** True the first time an id is seen, false for every repeat while it is remembered. */
  isFirst(id: string): boolean;
}

export function createRecentIds(capacity = 5000): RecentIds {
  const seen = new Set<string>();
  return {
    isFirst(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}
