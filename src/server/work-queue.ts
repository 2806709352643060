/**
 * Work that runs after the request was already acknowledged (Slack's 3-second
 * ack comes first, the answer after): a queue with a concurrency limit and a
 * bound. Without it, overload piles up answers that arrive minutes late;
 * with it, work past the bound (or work that waited too long to still be
 * worth doing) is told "busy" at once, through the task's own `busy`.
 *
 * Acknowledgements first: work taken is started from the event loop's check
 * phase (setImmediate), never inside the request that offered it, one task
 * per turn of the loop, so each turn reads and acknowledges every request
 * that is ready before the next answer starts. And work is taken only while the backlog drains: when
 * the event loop runs late (`maxLagMs`: everything, acknowledgements
 * included, waits that long for its turn) or the oldest waiting task has
 * waited `admitWaitMs`, new work is turned away ('behind') so the
 * acknowledgements keep their share of the CPU and the answers that run stay
 * young.
 *
 * `drain` is for graceful shutdown: refuse new work, let running and queued
 * tasks finish within a deadline.
 */

export interface DeferredTask {
  /** The work itself; errors are the task's own business (logged by `onError`). */
  run(): Promise<void>;
  /** Tells the person to try again later; called instead of `run`. */
  busy(): Promise<void>;
}

/** Why work was turned away: full, the backlog not draining, it waited too long, shutdown. */
export type BusyReason = 'full' | 'behind' | 'waited' | 'closing';

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /**
   * Tasks started per turn of the event loop (1 unless set): a task's first
   * stretch of work (deciding, rendering, sending) runs before the loop can
   * read the next request, so starting one per turn keeps acknowledgements
   * between answers instead of behind a batch of them.
   */
  startsPerTurn?: number;
  /** Tasks that may wait; one more is answered "busy" at once. */
  limit: number;
  /**
   * A task that waited longer than this is answered "busy" instead of run
   * late. How late the event loop runs counts as waiting too: a request sat
   * about that long before it was read and offered.
   */
  maxWaitMs?: number;
  /**
   * New work is turned away while the oldest waiting task has waited this
   * long (the backlog is not draining); half of `maxWaitMs` unless set.
   */
  admitWaitMs?: number;
  /**
   * New work is turned away while the event loop runs this late on average
   * (ms, see createLagMeter); 0 turns the check off. 200 unless set.
   */
  maxLagMs?: number;
  /** How late the event loop runs now (ms); a timer measures it unless given. */
  lag?: () => number;
  /**
   * Tasks started per second at most while the event loop is saturated
   * (busy at least `saturatedAt` of the time, see createLagMeter): the
   * acknowledgements keep the rest of it. 0 or unset: no cap. Under light
   * load the loop is mostly idle and every task starts at once.
   */
  saturatedStartsPerSecond?: number;
  /** Event-loop utilization (0-1) from which the loop counts as saturated; 0.9 unless set. */
  saturatedAt?: number;
  /** How busy the event loop is now (0-1); the lag meter's timer measures it unless given. */
  utilization?: () => number;
  onError?: (error: unknown) => void;
  /** Called when a task is turned away, for metrics and logs. */
  onBusy?: (reason: BusyReason) => void;
  now?: () => number;
}

/** What became of offered work: taken (it will run or be told "busy"), or turned away at once. */
export type Offered = 'taken' | 'full' | 'behind' | 'closing';

export interface WorkQueue {
  /**
   * Queues the task (it starts on a later turn of the event loop) or turns it
   * away at once. Work turned away at once is left to the caller to answer
   * (its `busy` is not called): a slash command can say "busy" in its
   * acknowledgement, with no second request to Slack. Work taken and turned
   * away later (it waited too long, or shutdown) gets `busy`. Never throws.
   */
  offer(task: DeferredTask): Offered;
  /**
   * What `offer` would answer now, without a task: 'taken' (nothing else
   * happens), or why work would be turned away, counted as a refusal
   * (`onBusy`) as `offer`'s own would be. For a caller that can say "busy"
   * before building the work (Slack's edge, see slack-edge.ts); work it
   * goes on to build is offered as usual.
   */
  turnAway(): Offered;
  readonly running: number;
  readonly waiting: number;
  /** Refuses new work and resolves true once everything finished, false at the deadline. */
  drain(timeoutMs: number): Promise<boolean>;
}

interface Queued {
  task: DeferredTask;
  at: number;
}

/** Requests a second, in times the capped rate, from which the loop's saturation is a flood's. */
const OVERLOAD_FACTOR = 4;
/** How far below the threshold the loop must fall to count as no longer saturated. */
const SATURATION_HYSTERESIS = 0.2;
/** While saturated, at most this many seconds of capped starts may wait. */
const SATURATED_QUEUE_S = 0.5;
/** How often the event loop's lateness is sampled. */
const LAG_INTERVAL_MS = 20;
/** How much the newest sample weighs: one stall moves the average a little, a run of late turns a lot. */
const LAG_WEIGHT = 0.3;

/** How much the newest utilization sample weighs. */
const BUSY_WEIGHT = 0.5;

/** The average lateness after one more sample. */
export const nextLag = (lag: number, lateMs: number): number =>
  lag + LAG_WEIGHT * (Math.max(0, lateMs) - lag);

/**
 * How late the event loop runs: a repeating timer compares when it fired with
 * when it was due, averaged over the last few samples (exponentially), so a
 * single stall (a GC pause, the machine busy for a moment) does not turn work
 * away but a loop that stays behind does. Runs only while the queue has work.
 */
export function createLagMeter(intervalMs = LAG_INTERVAL_MS) {
  let lag = 0;
  let due = 0;
  let busy = 0;
  let used = performance.eventLoopUtilization();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const t = performance.now();
    lag = nextLag(lag, t - due);
    due = t + intervalMs;
    // The share of the last interval the loop spent running code, averaged (more weight on
    // the newest sample than the lag gets: a saturated loop is seen within a few samples).
    const total = performance.eventLoopUtilization();
    busy += BUSY_WEIGHT * (performance.eventLoopUtilization(total, used).utilization - busy);
    used = total;
  };
  return {
    read: () => lag,
    /** How busy the event loop was lately (0-1), averaged like the lag. */
    utilization: () => busy,
    start() {
      if (timer) return;
      lag = 0;
      // How busy the loop was while the meter rested (the queue empty): a loop saturated by
      // acknowledgements alone counts as saturated from the first task on.
      const total = performance.eventLoopUtilization();
      busy = performance.eventLoopUtilization(total, used).utilization;
      used = total;
      due = performance.now() + intervalMs;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      lag = 0;
    },
  };
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const now = options.now ?? (() => performance.now());
  const maxWaitMs = options.maxWaitMs ?? 4000;
  const admitWaitMs = options.admitWaitMs ?? maxWaitMs / 2;
  const maxLagMs = options.maxLagMs ?? 200;
  const startsPerTurn = Math.max(1, options.startsPerTurn ?? 1);
  const cap = options.saturatedStartsPerSecond ?? 0;
  const gapMs = cap > 0 ? 1000 / cap : 0;
  const saturatedAt = options.saturatedAt ?? 0.9;
  const saturatedQueue = Math.max(1, Math.ceil(cap * SATURATED_QUEUE_S));
  const needsMeter = (!options.lag && maxLagMs > 0) || (!options.utilization && gapMs > 0);
  const meter = needsMeter ? createLagMeter() : undefined;
  const lag = options.lag ?? meter?.read ?? (() => 0);
  const utilization = options.utilization ?? meter?.utilization ?? (() => 0);
  /** When the last task started, for the cap while saturated. */
  let lastStart = Number.NEGATIVE_INFINITY;
  let capTimer: NodeJS.Timeout | undefined;
  const queue: Queued[] = [];
  let head = 0;
  let running = 0;
  let closing = false;
  let scheduled = false;
  const idle: Array<() => void> = [];
  const waiting = () => queue.length - head;

  const safely = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      options.onError?.(error);
    }
  };

  const refuse = (task: DeferredTask, reason: BusyReason) => {
    options.onBusy?.(reason);
    void safely(() => task.busy());
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };

  /**
   * The loop is saturated: busy `saturatedAt` of the time, and once so, until
   * it falls below `saturatedAt - SATURATION_HYSTERESIS` (a loop hovering
   * about the threshold neither lets the queue grow past what the cap drains
   * nor flips the cap on and off).
   */
  let saturated = false;
  const isSaturated = (): boolean => {
    const busy = utilization();
    saturated = busy >= (saturated ? saturatedAt - SATURATION_HYSTERESIS : saturatedAt);
    return saturated;
  };

  /**
   * Requests asking for work (offer, turnAway) per second: the cap is for a
   * flood, a loop saturated by that many requests. A loop busy for another
   * reason (start-up compiling code, the machine shared) with requests at a
   * light rate has every one of them answered: the cap and its short queue
   * apply only from OVERLOAD_FACTOR times the capped rate on.
   */
  let askWindowAt = now();
  let asksNow = 0;
  let asksBefore = 0;
  const ask = () => {
    const t = now();
    if (t - askWindowAt >= 1000) {
      asksBefore = t - askWindowAt >= 2000 ? 0 : asksNow;
      asksNow = 0;
      askWindowAt = t;
    }
    asksNow++;
  };
  const flooded = (): boolean => Math.max(asksNow, asksBefore) >= cap * OVERLOAD_FACTOR;

  /** Saturated and a task started less than a gap ago: how long until the next may start. */
  const capWait = (): number => {
    if (gapMs <= 0 || closing || !flooded() || !isSaturated()) return 0;
    return Math.max(0, lastStart + gapMs - now());
  };

  function pump(): void {
    scheduled = false;
    let started = 0;
    const late = maxLagMs > 0 ? lag() : 0;
    while (running < options.concurrency && head < queue.length) {
      if (started === startsPerTurn) {
        // The rest on the next turn, after the requests that arrived meanwhile.
        schedule();
        break;
      }
      const next = queue[head] as Queued;
      if (now() - next.at + late > maxWaitMs) {
        queue[head++] = undefined as unknown as Queued;
        refuse(next.task, 'waited');
        continue;
      }
      const wait = capWait();
      if (wait > 0) {
        // Saturated: the next start waits for its turn in the budget (a timer, not the loop).
        if (!capTimer) {
          capTimer = setTimeout(() => {
            capTimer = undefined;
            schedule();
          }, wait);
          capTimer.unref();
        }
        break;
      }
      queue[head++] = undefined as unknown as Queued;
      lastStart = now();
      start(next.task);
      started++;
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    if (running === 0 && waiting() === 0) {
      meter?.stop();
      for (const resolve of idle.splice(0)) resolve();
    }
  }

  function start(task: DeferredTask): void {
    running++;
    void safely(() => task.run()).finally(() => {
      running--;
      schedule();
    });
  }

  function admit(): Offered {
    if (closing) return 'closing';
    if (running + waiting() >= options.concurrency + options.limit) return 'full';
    const oldest = queue[head];
    if (oldest && now() - oldest.at > admitWaitMs) return 'behind';
    // Late with every slot busy: the backlog is what keeps the loop late (a late loop with
    // room to spare is the machine's hiccup, not ours to refuse work over).
    if (maxLagMs > 0 && running >= options.concurrency && lag() > maxLagMs) return 'behind';
    // A flood (or starts waiting for the cap's timer): no more waiting than the capped starts
    // get through in SATURATED_QUEUE_S, so what is taken is answered young and the rest is told
    // "busy" in its acknowledgement, from the flood's onset on, before the loop is seen saturated.
    if (gapMs > 0 && waiting() >= saturatedQueue && (capTimer !== undefined || flooded())) {
      return 'behind';
    }
    return 'taken';
  }

  function offer(task: DeferredTask): Offered {
    const offered = turnAway();
    if (offered !== 'taken') return offered;
    meter?.start();
    // The task carries its own request id (its logger); no async context to keep.
    queue.push({ task, at: now() });
    schedule();
    return 'taken';
  }

  function turnAway(): Offered {
    if (gapMs > 0) ask();
    const offered = admit();
    if (offered !== 'taken') options.onBusy?.(offered);
    return offered;
  }

  return {
    offer,
    turnAway,
    get running() {
      return running;
    },
    get waiting() {
      return waiting();
    },
    drain(timeoutMs) {
      closing = true;
      if (capTimer) {
        // Shutting down: what waits runs now (or is refused for its age), no budget.
        clearTimeout(capTimer);
        capTimer = undefined;
        schedule();
      }
      if (running === 0 && waiting() === 0) {
        meter?.stop();
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

/**
 * Refusals for the log without a line each: under overload thousands of
 * commands a second are told "busy", and a log line each would take the CPU
 * the acknowledgements need. The first refusal after a quiet spell is logged
 * at once (count 1); the others within `windowMs` are counted and logged
 * together, one line per reason with its count, when the window closes.
 * (Metrics count every refusal.)
 */
export function createRefusalLog(
  log: (reason: BusyReason, count: number) => void,
  windowMs = 1000,
): (reason: BusyReason) => void {
  let counts: Partial<Record<BusyReason, number>> | undefined;
  const flush = () => {
    const closing = counts;
    counts = undefined;
    for (const [reason, count] of Object.entries(closing ?? {})) log(reason as BusyReason, count);
  };
  return (reason) => {
    if (counts) {
      counts[reason] = (counts[reason] ?? 0) + 1;
      return;
    }
    counts = {};
    log(reason, 1);
    setTimeout(flush, windowMs).unref();
  };
}
