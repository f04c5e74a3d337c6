import { describe, test } from 'vitest';
import { type SystemPackageName, skippedPackages } from '../../src/provision/systemPackages.js';

/**
 * Why tests that need `name` are skipped, or undefined: only SKIP_SYSTEM_PACKAGES skips
 * them. A package that is simply missing makes its tests fail, naming the command that
 * installs it, so a machine without it never passes in silence.
 */
export function skipReason(name: SystemPackageName): string | undefined {
  return skippedPackages().has(name) ? `skipped on purpose: SKIP_SYSTEM_PACKAGES names ${name}` : undefined;
}

/** The reason in brackets at the end of the title: the summary after the run groups skips by it. */
function titled(title: string, reason: string | undefined): string {
  return reason === undefined ? title : `${title} [${reason}]`;
}

/** A test that needs a system package. */
export function testNeeding(
  name: SystemPackageName,
  title: string,
  body: () => Promise<void> | void,
  timeoutMs?: number,
): void {
  const reason = skipReason(name);
  // The only skip in the suite: when SKIP_SYSTEM_PACKAGES names the package. The title
  // carries the reason, and the summary reporter prints a line per reason.
  if (reason !== undefined) test.skip(titled(title, reason), body);
  else test(title, body, timeoutMs);
}

/** A group of tests that all need a system package. */
export function describeNeeding(name: SystemPackageName, title: string, body: () => void): void {
  const reason = skipReason(name);
  // Skipped only when SKIP_SYSTEM_PACKAGES names the package, as for testNeeding above.
  if (reason !== undefined) describe.skip(titled(title, reason), body);
  else describe(title, body);
}
