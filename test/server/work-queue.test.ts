import { describe, expect, it } from 'vitest';
import {
  createLagMeter,
  createRefusalLog,
  createWorkQueue,
  type DeferredTask,
  nextLag,
} from '../../src/server/work-queue.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** One turn of the event loop: the queue starts work from its check phase. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder(log: string[], name: string, wait?: Promise<void>): DeferredTask {
  return {
    async run() {
      log.push(`run ${name}`);
      await wait;
      log.push(`done ${name}`);
    },
    async busy() {
      log.push(`busy ${name}`);
    },
  };
}

describe('work queue', () => {
  it('runs up to the concurrency limit, queues up to the bound, turns away past it', async () => {
    const log: string[] = [];
    const reasons: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({
      concurrency: 2,
      limit: 1,
      startsPerTurn: 2,
      onBusy: (r) => reasons.push(r),
    });
    const offered = ['a', 'b', 'c', 'd'].map((name) =>
      queue.offer(recorder(log, name, hold.opened)),
    );
    expect(offered).toEqual(['taken', 'taken', 'taken', 'full']);
    await turn();
    expect(queue.running).toBe(2);
    expect(queue.waiting).toBe(1);
    expect(log).toEqual(['run a', 'run b']);
    expect(reasons).toEqual(['full']);
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(log.filter((l) => l.startsWith('done')).sort()).toEqual(['done a', 'done b', 'done c']);
  });

  it('offer leaves the "busy" of work turned away at once to the caller', async () => {
    const log: string[] = [];
    const reasons: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({ concurrency: 1, limit: 1, onBusy: (r) => reasons.push(r) });
    expect(queue.offer(recorder(log, 'a', hold.opened))).toBe('taken');
    expect(queue.offer(recorder(log, 'b'))).toBe('taken');
    expect(queue.offer(recorder(log, 'c'))).toBe('full');
    await turn();
    expect(log).toEqual(['run a']);
    expect(reasons).toEqual(['full']);
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(queue.offer(recorder(log, 'd'))).toBe('closing');
    await Promise.resolve();
    expect(log).toEqual(['run a', 'done a', 'run b', 'done b']);
    expect(reasons).toEqual(['full', 'closing']);
  });

  it('turnAway says what offer would, counting a refusal as offer does, and takes nothing', async () => {
    const log: string[] = [];
    const reasons: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({ concurrency: 1, limit: 1, onBusy: (r) => reasons.push(r) });
    expect(queue.turnAway()).toBe('taken');
    expect(queue.waiting + queue.running).toBe(0);
    expect(reasons).toEqual([]);
    queue.offer(recorder(log, 'a', hold.opened));
    queue.offer(recorder(log, 'b'));
    expect(queue.turnAway()).toBe('full');
    expect(queue.offer(recorder(log, 'c'))).toBe('full');
    expect(reasons).toEqual(['full', 'full']);
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(queue.turnAway()).toBe('closing');
    expect(log).toEqual(['run a', 'done a', 'run b', 'done b']);
  });

  it('answers busy instead of running work that waited too long', async () => {
    let clock = 0;
    const log: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({
      concurrency: 1,
      limit: 10,
      maxWaitMs: 4000,
      admitWaitMs: 10_000,
      now: () => clock,
    });
    queue.offer(recorder(log, 'first', hold.opened));
    queue.offer(recorder(log, 'late'));
    await turn();
    clock = 4001;
    hold.open();
    await queue.drain(1000);
    expect(log).toEqual(['run first', 'done first', 'busy late']);
  });

  it('counts how late the event loop runs as waiting: the request sat that long before it was read', async () => {
    let clock = 0;
    let late = 0;
    const log: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({
      concurrency: 1,
      limit: 10,
      maxWaitMs: 4000,
      admitWaitMs: 10_000,
      maxLagMs: 2000,
      lag: () => late,
      now: () => clock,
    });
    const second = gate();
    queue.offer(recorder(log, 'first', hold.opened));
    queue.offer(recorder(log, 'in time', second.opened));
    queue.offer(recorder(log, 'late'));
    await turn();
    clock = 2500;
    hold.open();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Waited 2.5 s with the loop on time: runs.
    expect(log).toContain('run in time');
    late = 1600;
    second.open();
    expect(await queue.drain(1000)).toBe(true);
    // Waited 2.5 s with the loop 1.6 s late: older than 4 s by the time Slack would have it.
    expect(log).toContain('busy late');
    expect(log).not.toContain('run late');
  });

  it('drain refuses new work, waits for queued work, and gives up at the deadline', async () => {
    const log: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({ concurrency: 1, limit: 5 });
    queue.offer(recorder(log, 'slow', hold.opened));
    queue.offer(recorder(log, 'queued'));
    await turn();
    expect(await queue.drain(30)).toBe(false);
    expect(queue.offer(recorder(log, 'after'))).toBe('closing');
    await Promise.resolve();
    expect(log).not.toContain('run after');
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(log).toContain('done queued');
  });

  it('a failing task does not stop the queue', async () => {
    const errors: unknown[] = [];
    const log: string[] = [];
    const queue = createWorkQueue({ concurrency: 1, limit: 5, onError: (e) => errors.push(e) });
    queue.offer({
      run: async () => {
        throw new Error('boom');
      },
      busy: async () => {},
    });
    queue.offer(recorder(log, 'next'));
    await queue.drain(1000);
    expect(errors).toHaveLength(1);
    expect(log).toEqual(['run next', 'done next']);
  });

  it('starts work on a later turn of the event loop, never inside the offer', async () => {
    const log: string[] = [];
    const queue = createWorkQueue({ concurrency: 4, limit: 4 });
    expect(queue.offer(recorder(log, 'a'))).toBe('taken');
    log.push('acknowledged');
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['acknowledged']);
    expect(queue.waiting).toBe(1);
    await turn();
    expect(log).toEqual(['acknowledged', 'run a', 'done a']);
    expect(await queue.drain(1000)).toBe(true);
  });

  it('starts one task per turn of the event loop, leaving the loop free between them', async () => {
    const log: string[] = [];
    const queue = createWorkQueue({ concurrency: 4, limit: 4 });
    for (const name of ['a', 'b', 'c']) queue.offer(recorder(log, name, new Promise(() => {})));
    await turn();
    expect(log).toEqual(['run a']);
    log.push('a request read');
    await turn();
    expect(log).toEqual(['run a', 'a request read', 'run b']);
    await turn();
    expect(queue.running).toBe(3);
  });

  it('turns new work away while the oldest waiting task is not draining', async () => {
    let clock = 0;
    const log: string[] = [];
    const reasons: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({
      concurrency: 1,
      limit: 10,
      maxWaitMs: 4000,
      admitWaitMs: 1000,
      maxLagMs: 0,
      now: () => clock,
      onBusy: (r) => reasons.push(r),
    });
    queue.offer(recorder(log, 'running', hold.opened));
    await turn();
    expect(queue.offer(recorder(log, 'waits'))).toBe('taken');
    clock = 1000;
    expect(queue.offer(recorder(log, 'in time'))).toBe('taken');
    clock = 1001;
    expect(queue.offer(recorder(log, 'too late to join'))).toBe('behind');
    expect(reasons).toEqual(['behind']);
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(log.filter((l) => l.startsWith('done'))).toEqual([
      'done running',
      'done waits',
      'done in time',
    ]);
  });

  it('turns new work away while the event loop runs late with every slot busy, and takes it again once it catches up', async () => {
    let late = 0;
    const log: string[] = [];
    const hold = gate();
    const queue = createWorkQueue({ concurrency: 1, limit: 10, maxLagMs: 200, lag: () => late });
    late = 201;
    // A late loop with room to spare: the machine's hiccup, the work is taken.
    expect(queue.offer(recorder(log, 'a', hold.opened))).toBe('taken');
    await turn();
    expect(queue.running).toBe(1);
    expect(queue.offer(recorder(log, 'b'))).toBe('behind');
    late = 50;
    expect(queue.offer(recorder(log, 'c'))).toBe('taken');
    hold.open();
    expect(await queue.drain(1000)).toBe(true);
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run a', 'run c']);
  });

  it('while the event loop is saturated, starts at most the capped number per second and keeps the wait short', async () => {
    let busy = 1;
    const log: string[] = [];
    const reasons: string[] = [];
    const queue = createWorkQueue({
      concurrency: 4,
      limit: 100,
      maxLagMs: 0,
      // One start per 50 ms while saturated; half a second of them may wait (10).
      saturatedStartsPerSecond: 20,
      utilization: () => busy,
      onBusy: (r) => reasons.push(r),
    });
    // A flood: four times the capped rate asking within the second (told "busy" at the edge).
    for (let i = 0; i < 80; i++) queue.turnAway();
    const offered = Array.from({ length: 12 }, (_, i) =>
      queue.offer(recorder(log, `t${i}`, new Promise(() => {}))),
    );
    // Ten may wait; the eleventh and twelfth are told "busy" at once.
    expect(offered.filter((o) => o === 'taken')).toHaveLength(10);
    expect(reasons).toEqual(['behind', 'behind']);
    await turn();
    await turn();
    await turn();
    expect(log).toEqual(['run t0']);
    await new Promise((resolve) => setTimeout(resolve, 70));
    await turn();
    expect(log).toEqual(['run t0', 'run t1']);
    // Two started, eight wait: room for two more, then none while starts wait for the cap,
    // even if the loop looks less busy.
    expect(queue.offer(recorder(log, 'u1'))).toBe('taken');
    expect(queue.offer(recorder(log, 'u2'))).toBe('taken');
    busy = 0.2;
    expect(queue.offer(recorder(log, 'late'))).toBe('behind');
    // The loop has room again: the rest start one per turn, no cap.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await turn();
    await turn();
    expect(queue.running).toBe(4);
  });

  it('a saturated loop with requests at a light rate (start-up, a shared machine) is not capped', async () => {
    const log: string[] = [];
    const queue = createWorkQueue({
      concurrency: 4,
      limit: 20,
      maxLagMs: 0,
      saturatedStartsPerSecond: 1,
      utilization: () => 1,
    });
    // Three a second is under four times the cap of one: all taken, all started on the next turns.
    for (const name of ['a', 'b', 'c']) expect(queue.offer(recorder(log, name))).toBe('taken');
    await turn();
    await turn();
    await turn();
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run a', 'run b', 'run c']);
  });

  it('under light load the cap never applies: every task starts on the next turns', async () => {
    const log: string[] = [];
    const queue = createWorkQueue({
      concurrency: 4,
      limit: 4,
      maxLagMs: 0,
      saturatedStartsPerSecond: 1,
      utilization: () => 0.3,
    });
    for (const name of ['a', 'b', 'c']) queue.offer(recorder(log, name));
    await turn();
    await turn();
    await turn();
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run a', 'run b', 'run c']);
  });

  it('measures how busy the event loop is, and counts the time it rested when started again', async () => {
    const meter = createLagMeter(5);
    meter.start();
    // A loop that hardly rests: busy 10 ms, a moment's pause, again.
    for (let i = 0; i < 12; i++) {
      const until = performance.now() + 10;
      while (performance.now() < until) {
        // busy
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(meter.utilization()).toBeGreaterThan(0.5);
    // Resting: it falls.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(meter.utilization()).toBeLessThan(0.3);
    meter.stop();
    // Stopped while the loop works on (acknowledgements, no queued work): started again, it
    // counts that time at once.
    const until = performance.now() + 40;
    while (performance.now() < until) {
      // busy
    }
    meter.start();
    expect(meter.utilization()).toBeGreaterThan(0.5);
    meter.stop();
  });

  it('averages lateness: one stall moves it a little, a run of late turns a lot', () => {
    expect(nextLag(0, 300)).toBeLessThan(100);
    let lag = 0;
    for (let i = 0; i < 8; i++) lag = nextLag(lag, 300);
    expect(lag).toBeGreaterThan(250);
    for (let i = 0; i < 12; i++) lag = nextLag(lag, 1);
    expect(lag).toBeLessThan(10);
  });

  it('measures how late the event loop runs, only while started', async () => {
    const meter = createLagMeter(5);
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, 6));
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // a long synchronous turn: every timer waits
    }
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 6));
    expect(meter.read()).toBeGreaterThan(5);
    meter.stop();
    expect(meter.read()).toBe(0);
  });

  it('logs refusals without a line each: the first at once, the rest counted per window', async () => {
    const lines: Array<[string, number]> = [];
    const refused = createRefusalLog((reason, count) => lines.push([reason, count]), 30);
    refused('full');
    expect(lines).toEqual([['full', 1]]);
    for (let i = 0; i < 5; i++) refused('full');
    refused('behind');
    expect(lines).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(lines).toEqual([
      ['full', 1],
      ['full', 5],
      ['behind', 1],
    ]);
    refused('waited');
    expect(lines.at(-1)).toEqual(['waited', 1]);
  });
});
