import { UsageError } from '../errors.js';

/** A duration flag that is not one: the message says what is accepted. */
export class DurationError extends UsageError {
  constructor(
    readonly flag: string,
    readonly raw: string,
  ) {
    super(`${flag} must be a duration from 1ms to 24h, like 90s, 5m, 1h30m or a number of seconds, got "${raw}"`);
    this.name = 'DurationError';
  }
}

/** A day: a longer run is a typo, not a plan. */
export const MAX_DURATION_MS = 24 * 3_600_000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses `90`, `90s`, `5m`, `1h30m`, `250ms` into milliseconds; a bare number is seconds. */
export function parseDuration(flag: string, raw: string): number {
  const text = raw.trim();
  const bare = /^\d+(\.\d+)?$/.test(text);
  const parts = bare ? [] : [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!bare && (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)) throw new DurationError(flag, raw);
  const ms = bare
    ? Number(text) * 1_000
    : parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0), 0);
  if (!(ms > 0) || ms > MAX_DURATION_MS) throw new DurationError(flag, raw);
  return Math.round(ms);
}

/** `4:05` for 245,000 ms: for progress lines. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
