/**
 * Work that runs after the request was already acknowledged (Slack's 3-second
 * ack comes first, the answer after): a queue with a concurrency limit and a
 * bound. Without it, overload piles up answers that arrive minutes late;
 * with it, work past the bound (or work that waited too long to still be
 * worth doing) is told "busy" at once, through the task's own `busy`.
 *
 * `drain` is for graceful shutdown: refuse new work, let running and queued
 * tasks finish within a deadline.
 */
import { AsyncResource } from 'node:async_hooks';

export interface DeferredTask {
  /** The work itself; errors are the task's own business (logged by `onError`). */
  run(): Promise<void>;
  /** Tells the person to try again later; called instead of `run`. */
  busy(): Promise<void>;
}

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks that may wait; one more is answered "busy" at once. */
  limit: number;
  /** A task that waited longer than this is answered "busy" instead of run late. */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
  /** Called when a task is turned away, for metrics and logs. */
  onBusy?: (reason: 'full' | 'waited' | 'closing') => void;
  now?: () => number;
}

/** What became of offered work: taken (running or waiting), or turned away at once. */
export type Offered = 'taken' | 'full' | 'closing';

export interface WorkQueue {
  /**
   * Runs the task now, queues it, or turns it away at once. Work turned away
   * at once is left to the caller to answer (its `busy` is not called): a
   * slash command can say "busy" in its acknowledgement, with no second
   * request to Slack. Work taken and turned away later (it waited too long,
   * or shutdown) gets `busy`. Never throws.
   */
  offer(task: DeferredTask): Offered;
  readonly running: number;
  readonly waiting: number;
  /** Refuses new work and resolves true once everything finished, false at the deadline. */
  drain(timeoutMs: number): Promise<boolean>;
}

interface Queued {
  task: DeferredTask;
  at: number;
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const now = options.now ?? (() => performance.now());
  const maxWaitMs = options.maxWaitMs ?? 4000;
  const queue: Queued[] = [];
  let running = 0;
  let closing = false;
  const idle: Array<() => void> = [];

  const safely = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      options.onError?.(error);
    }
  };

  const refuse = (task: DeferredTask, reason: 'full' | 'waited' | 'closing') => {
    options.onBusy?.(reason);
    void safely(() => task.busy());
  };

  function pump(): void {
    while (running < options.concurrency && queue.length > 0) {
      const next = queue.shift() as Queued;
      if (now() - next.at > maxWaitMs) {
        refuse(next.task, 'waited');
        continue;
      }
      start(next.task);
    }
    if (running === 0 && queue.length === 0) for (const resolve of idle.splice(0)) resolve();
  }

  function start(task: DeferredTask): void {
    running++;
    void safely(() => task.run()).finally(() => {
      running--;
      pump();
    });
  }

  function offer(task: DeferredTask): Offered {
    if (closing || (running >= options.concurrency && queue.length >= options.limit)) {
      const reason = closing ? 'closing' : 'full';
      options.onBusy?.(reason);
      return reason;
    }
    // Keep the submitter's async context (its request id in the logs).
    const bound: DeferredTask = {
      run: AsyncResource.bind(() => task.run()),
      busy: AsyncResource.bind(() => task.busy()),
    };
    if (running < options.concurrency) start(bound);
    else queue.push({ task: bound, at: now() });
    return 'taken';
  }

  return {
    offer,
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    drain(timeoutMs) {
      closing = true;
      if (running === 0 && queue.length === 0) return Promise.resolve(true);
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
