import { testNeeding } from '../../support/systemPackages.js';

/** A test that needs PostgreSQL: skipped, with the reason in its title, only when SKIP_SYSTEM_PACKAGES names postgresql. */
export function postgresTest(title: string, body: () => Promise<void>, timeoutMs?: number): void {
  testNeeding('postgresql', title, body, timeoutMs);
}
