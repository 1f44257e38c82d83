import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleCollector } from '../../src/app/idle-collector.ts';

describe('collecting once the server is quiet', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once, 5 s after the last request, and not again until requests came and went', () => {
    const collect = vi.fn();
    const idle = idleCollector({ collect });
    idle.activity();
    vi.advanceTimersByTime(3000);
    idle.activity();
    vi.advanceTimersByTime(4000);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1);
    idle.activity();
    vi.advanceTimersByTime(5000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('never collects while requests keep coming, nor after it is stopped', () => {
    const collect = vi.fn();
    const idle = idleCollector({ collect });
    for (let i = 0; i < 100; i++) {
      idle.activity();
      vi.advanceTimersByTime(1000);
    }
    expect(collect).not.toHaveBeenCalled();
    idle.stop();
    vi.advanceTimersByTime(60_000);
    expect(collect).not.toHaveBeenCalled();
  });

  it('runs a full collection, without Node started with --expose-gc', async () => {
    const garbage = new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) });
    // A WeakRef holds its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    const idle = idleCollector({ idleMs: 10 });
    idle.activity();
    vi.advanceTimersByTime(10);
    expect(garbage.deref()).toBeUndefined();
  });
});
