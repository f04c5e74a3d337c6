import { describe, expect, test } from 'vitest';
import { DurationError, formatClock, parseDuration } from '../../src/harness/index.js';

describe('durations', () => {
  test.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['4m30s', 270_000],
    ['250ms', 250],
    ['1.5m', 90_000],
  ])('%s is %d ms', (raw, ms) => {
    expect(parseDuration('--budget', raw)).toBe(ms);
  });

  test.each(['', 'soon', '5 m', '-5s', '0', '0s', '5x', 'm5'])('"%s" is refused with the accepted forms', (raw) => {
    expect(() => parseDuration('--budget', raw)).toThrow(DurationError);
    expect(() => parseDuration('--budget', raw)).toThrow(/like 90s, 5m/);
  });

  test('formats a clock', () => {
    expect(formatClock(245_000)).toBe('4:05');
    expect(formatClock(0)).toBe('0:00');
  });
});
