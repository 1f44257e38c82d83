import { describe, expect, it } from 'vitest';
import { chaoLowerBound, chapmanEstimate } from '../../src/catalog/index.ts';

describe("capture–recapture estimates for the gateway's two capped sorts", () => {
  // likes and downloads each saw 1,000 of the served models and shared 796 (1,204 unique).
  it("computes Chapman's estimate (n1+1)(n2+1)/(m+1) − 1 and its 95% interval", () => {
    const estimate = chapmanEstimate('likes', 'downloads', 1000, 1000, 796);
    expect(estimate.estimate).toBeCloseTo(1002001 / 797 - 1, 9); // 1256.2158…
    // var = 1001² · 204² / (797² · 798) = 82.2638…, sd 9.0699…
    expect(estimate.interval95.low).toBeCloseTo(1238.439, 2);
    expect(estimate.interval95.high).toBeCloseTo(1273.993, 2);
  });

  it('never lets the interval fall below the models actually seen', () => {
    const estimate = chapmanEstimate('a', 'b', 10, 10, 1);
    expect(estimate.interval95.low).toBeGreaterThanOrEqual(19);
  });

  it("computes Chao's lower bound S + f1²/(2·f2) from capture frequencies", () => {
    const counts = [...Array<number>(408).fill(1), ...Array<number>(796).fill(2)];
    const chao = chaoLowerBound(counts, 2);
    expect(chao).toMatchObject({ observed: 1204, f1: 408, f2: 796, captures: 2 });
    expect(chao.estimate).toBeCloseTo(1204 + (408 * 408) / (2 * 796), 9); // 1308.56…
    expect(chao.interval95.low).toBeCloseTo(1283.024, 2);
    expect(chao.interval95.high).toBeCloseTo(1342.355, 2);
  });

  it('uses the bias-corrected form f1(f1−1)/2 when no model was seen exactly twice', () => {
    const chao = chaoLowerBound([1, 1, 1, 3], 3);
    expect(chao.estimate).toBe(4 + 3);
  });

  it('adds nothing when every model was seen more than once', () => {
    expect(chaoLowerBound([2, 2, 3], 3).estimate).toBe(3);
  });
});
