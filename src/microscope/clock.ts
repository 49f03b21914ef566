// The clock the acquisition engine and the simulated microscope run on. RealClock uses
// wall time; VirtualClock jumps straight to the next wake-up, so a simulated two-hour
// acquisition runs in the time its image work takes.
//
// VirtualClock rules: time only advances while some "actor" (the engine) is asleep on the
// clock. Callbacks scheduled with at() (a user command at minute 30 of a scripted test)
// fire in time order, but only while an actor is asleep, so they never overtake work the
// engine is doing between sleeps (file writes, analysis).

export interface Clock {
  /** Milliseconds since the clock's epoch. */
  now(): number;
  /** Waits `ms`; resolves early (with false) when `signal` aborts. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** Runs `fn` when the clock reaches `timeMs`. Returns a cancel function. */
  at(timeMs: number, fn: () => void | Promise<void>): () => void;
}

export class RealClock implements Clock {
  private readonly epoch = performance.now();

  now(): number {
    return performance.now() - this.epoch;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  at(timeMs: number, fn: () => void | Promise<void>): () => void {
    const timer = setTimeout(() => void fn(), Math.max(0, timeMs - this.now()));
    return () => clearTimeout(timer);
  }
}

interface Timer {
  atMs: number;
  seq: number;
  /** Actors are sleepers (the engine); passive timers are scheduled callbacks. */
  actor: boolean;
  fire: () => void | Promise<void>;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  private pumping = false;
  private pumpScheduled = false;

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      const timer = this.add(this.nowMs + Math.max(0, ms), true, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      });
      const onAbort = () => {
        timer.cancelled = true;
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  at(timeMs: number, fn: () => void | Promise<void>): () => void {
    const timer = this.add(Math.max(timeMs, this.nowMs), false, fn);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time forward by hand (for tests that drive the clock without an actor). */
  async advanceBy(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers[0];
      if (!next || next.atMs > target) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.atMs);
      await next.fire();
      await new Promise((r) => setImmediate(r));
    }
    this.nowMs = Math.max(this.nowMs, target);
  }

  private add(atMs: number, actor: boolean, fire: () => void | Promise<void>): Timer {
    const timer: Timer = { atMs, seq: this.seq++, actor, fire, cancelled: false };
    // Keep the queue sorted by time, then by insertion order.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1].atMs > atMs || (this.timers[i - 1].atMs === atMs && this.timers[i - 1].seq > timer.seq))) i--;
    this.timers.splice(i, 0, timer);
    this.schedulePump();
    return timer;
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.pumping) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        this.timers = this.timers.filter((t) => !t.cancelled);
        // Advance only while an actor waits on the clock: otherwise it is busy with real work.
        if (!this.timers.some((t) => t.actor)) break;
        const next = this.timers.shift()!;
        this.nowMs = Math.max(this.nowMs, next.atMs);
        if (next.actor) {
          next.fire();
          // Give the woken actor a turn before looking again.
          break;
        }
        await next.fire();
      }
    } finally {
      this.pumping = false;
    }
    if (this.timers.some((t) => t.actor && !t.cancelled)) this.schedulePump();
  }
}
