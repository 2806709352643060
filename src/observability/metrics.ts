/**
 * Prometheus metrics (prom-client), one registry per running app so two apps
 * in one process (the tests) do not share counters. Parts report through
 * narrow hooks (`TurnObserver` for the core, `observeStore` for the state
 * seam, plain counters for the adapters) and never import prom-client.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { TurnObserver } from '../core/create-conversation.js';
import { isWuerrorError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { StateStore } from '../storage/state-store.js';

/**
 * Log codes that are also counted: parts that refuse or drop a request say
 * so in the log with their code, and the same line feeds the counter, so no
 * part needs a metrics dependency of its own.
 */
const COUNTED_CODES: Record<string, (m: Metrics) => void> = {
  RATE_LIMITED: (m) => m.rateLimited('turn'),
  HTTP_RATE_LIMITED: (m) => m.rateLimited('http'),
  SLACK_RETRY_IGNORED: (m) => m.dedupeHit('slack'),
  TEAMS_REPLAY_IGNORED: (m) => m.dedupeHit('teams'),
};

export interface Metrics {
  registry: Registry;
  turns: TurnObserver;
  /** A request refused by a rate limit: per person/conversation ('turn') or per client ('http'). */
  rateLimited(scope: string): void;
  /** A delivery already handled (a Slack retry, a replayed activity), per platform. */
  dedupeHit(platform: string): void;
  /** Deferred work answered "busy" instead of run, and why. */
  busy(reason: string): void;
  /** Wraps a store so every failed call (not a lost compare-and-set) is counted. */
  observeStore(store: StateStore): StateStore;
  /** The deferred-work queue's size, read at scrape time. */
  watchQueue(read: () => { running: number; waiting: number }): void;
  /** The same logger, counting lines whose code is in COUNTED_CODES (children too). */
  countCodes(logger: Logger): Logger;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wuerror_' });
  const registers = [registry];
  const turns = new Counter({
    name: 'wuerror_turns_total',
    help: 'Turns handled, by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const turnSeconds = new Histogram({
    name: 'wuerror_turn_duration_seconds',
    help: 'Time to decide and save one turn (without sending)',
    labelNames: ['platform'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const flows = new Counter({
    name: 'wuerror_flows_total',
    help: 'Fix flows started, fixed and handed off',
    labelNames: ['event'] as const,
    registers,
  });
  const noMatches = new Counter({
    name: 'wuerror_resolver_no_match_total',
    help: 'Messages the resolver found nothing for',
    registers,
  });
  const rateLimited = new Counter({
    name: 'wuerror_rate_limited_total',
    help: 'Requests refused by a rate limit, per person or conversation (turn) or client (http)',
    labelNames: ['scope'] as const,
    registers,
  });
  const dedupe = new Counter({
    name: 'wuerror_dedupe_hits_total',
    help: 'Deliveries dropped because they were already handled (retries, replays)',
    labelNames: ['platform'] as const,
    registers,
  });
  const storeErrors = new Counter({
    name: 'wuerror_store_errors_total',
    help: 'State store calls that failed (outages, timeouts)',
    labelNames: ['operation'] as const,
    registers,
  });
  const busy = new Counter({
    name: 'wuerror_busy_total',
    help: 'Deferred work answered "busy, try again" instead of run',
    labelNames: ['reason'] as const,
    registers,
  });
  const busyByReason = new Map<string, { inc(): void }>();
  let readQueue = () => ({ running: 0, waiting: 0 });
  new Gauge({
    name: 'wuerror_deferred_work',
    help: 'Deferred work (after an acknowledgement) running and waiting',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const { running, waiting } = readQueue();
      this.set({ state: 'running' }, running);
      this.set({ state: 'waiting' }, waiting);
    },
  });
  for (const platform of ['teams', 'slack', 'cli']) {
    for (const outcome of ['answered', 'failed']) turns.inc({ platform, outcome }, 0);
  }
  for (const event of ['started', 'fixed', 'handed-off']) flows.inc({ event }, 0);

  const metrics: Metrics = {
    registry,
    turns: {
      turn(platform, outcome, seconds) {
        turns.inc({ platform, outcome });
        turnSeconds.observe({ platform }, seconds);
      },
      flow: (event) => flows.inc({ event }),
      noMatch: () => noMatches.inc(),
    },
    rateLimited: (scope) => rateLimited.inc({ scope }),
    dedupeHit: (platform) => dedupe.inc({ platform }),
    // Under overload thousands a second: each reason's child counter found once, not its labels
    // checked on every refusal.
    busy: (reason) => {
      let child = busyByReason.get(reason);
      if (!child) {
        child = busy.labels({ reason });
        busyByReason.set(reason, child);
      }
      child.inc();
    },
    observeStore: (store) => observeStore(store, (operation) => storeErrors.inc({ operation })),
    watchQueue(read) {
      readQueue = read;
    },
    countCodes: (logger) => countCodes(logger, (code) => COUNTED_CODES[code]?.(metrics)),
  };
  return metrics;
}

function countCodes(logger: Logger, seen: (code: string) => void): Logger {
  return new CountingLogger(logger, seen);
}

type AnyLogFn = (first: object | string, message?: string) => void;

/**
 * A logger that reports each line's `code` before writing it. A class, not
 * closures: a request's logger (logging/request-logger.ts) makes a child of
 * it on its first line, and each child here is one object.
 */
class CountingLogger implements Logger {
  readonly #logger: Logger;
  readonly #seen: (code: string) => void;

  constructor(logger: Logger, seen: (code: string) => void) {
    this.#logger = logger;
    this.#seen = seen;
  }

  get level(): string {
    return this.#logger.level;
  }

  debug(first: object | string, message?: string): void {
    this.#write(this.#logger.debug as AnyLogFn, first, message);
  }

  info(first: object | string, message?: string): void {
    this.#write(this.#logger.info as AnyLogFn, first, message);
  }

  warn(first: object | string, message?: string): void {
    this.#write(this.#logger.warn as AnyLogFn, first, message);
  }

  error(first: object | string, message?: string): void {
    this.#write(this.#logger.error as AnyLogFn, first, message);
  }

  fatal(first: object | string, message?: string): void {
    this.#write(this.#logger.fatal as AnyLogFn, first, message);
  }

  child(fields: Record<string, unknown>): Logger {
    return new CountingLogger(this.#logger.child(fields), this.#seen);
  }

  #write(log: AnyLogFn, first: object | string, message: string | undefined): void {
    if (typeof first === 'object' && first !== null) {
      const code = (first as { code?: unknown }).code;
      if (typeof code === 'string') this.#seen(code);
      log.call(this.#logger, first, message);
    } else log.call(this.#logger, first);
  }
}

function observeStore(store: StateStore, failed: (operation: string) => void): StateStore {
  const counted =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        // A lost compare-and-set is the store working as meant, not an error.
        if (!(isWuerrorError(error) && error.code === 'STATE_CONFLICT')) failed(operation);
        throw error;
      }
    };
  return {
    load: counted('load', (key) => store.load(key)) as StateStore['load'],
    save: counted('save', (key, value, expected, options) =>
      store.save(key, value, expected as string | null, options),
    ) as StateStore['save'],
    delete: counted('delete', (key: string) => store.delete(key)),
    claim: counted('claim', (key: string, ttlMs: number) => store.claim(key, ttlMs)),
    hit: counted('hit', (key: string, windowMs: number) => store.hit(key, windowMs)),
    ping: counted('ping', () => store.ping()),
    close: () => store.close(),
  };
}
