import { UsageError } from '../../errors.js';

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The one way a whole number is read from a flag, an environment variable or a file
 * field: decimal (`-5`, `300`), exponent (`1e3`) or hexadecimal (`0x10`), within `range`.
 * Anything else (`1.5`, `5abc`, `` ``, `Infinity`) is refused with the range in the message.
 */
export function parseInteger(name: string, raw: string, range: IntegerRange): number {
  const text = raw.trim();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const valid = /^(\d+(\.\d+)?(e\+?\d+)?|0x[0-9a-f]+)$/i.test(digits);
  const magnitude = valid ? Number(digits) : Number.NaN;
  const value = negative ? -magnitude : magnitude;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(
      `${name} must be a whole number from ${formatBound(range.min)} to ${formatBound(range.max)}, got "${raw}"`,
    );
  }
  return value;
}

function formatBound(value: number): string {
  return value.toLocaleString('en-US');
}
