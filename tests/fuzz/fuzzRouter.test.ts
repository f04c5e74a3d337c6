import { afterEach, describe, expect, test, vi } from 'vitest';
import { FAULT_PROFILE_NAMES } from '../../src/faults.js';
import { crashCount, type FuzzReport, fuzzFailed, fuzzRouter } from '../../src/harness/index.js';
import { Router } from '../../src/session/Router.js';

const SEED = 20250114;
const MESSAGES = 3_000;

describe('fuzzing the router with any envelope', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test.each(FAULT_PROFILE_NAMES)(
    `under %s, ${MESSAGES} messages: no crash, no session lost or changed`,
    async (profile) => {
      const report = await fuzzRouter({ messages: MESSAGES, profile, seed: SEED });
      expect(report.examples).toEqual([]);
      expect(crashCount(report)).toBe(0);
      expect(report.sessionsLost).toBe(0);
      expect(report.sessionsChanged).toBe(0);
      expect(report.malformedUncounted).toBe(0);
      expect(fuzzFailed(report)).toBe(false);
      // Not vacuous: every kind of input went out, most was refused, some was taken.
      expect(Object.values(report.bySource).every((n: number) => n > MESSAGES / 5)).toBe(true);
      expect(report.malformed).toBeGreaterThan(MESSAGES / 2);
      expect(report.accepted).toBeGreaterThan(MESSAGES / 20);
      for (const code of ['malformed-envelope', 'malformed-content-type', 'malformed-headers', 'unreadable-message']) {
        expect(report.errorsByCode[code as keyof typeof report.errorsByCode]).toBeGreaterThan(0);
      }
    },
  );

  test('is deterministic for a seed', async () => {
    const strip = ({ durationMs: _, ...rest }: FuzzReport) => rest;
    const first = await fuzzRouter({ messages: 500, profile: 'fixed', seed: 7 });
    expect(strip(await fuzzRouter({ messages: 500, profile: 'fixed', seed: 7 }))).toEqual(strip(first));
  });

  test('reports a receive that throws, and a malformed message that costs a session', async () => {
    const receive = Router.prototype.receive;
    vi.spyOn(Router.prototype, 'receive').mockImplementation(function (this: Router, message: unknown) {
      if (message === null) throw new TypeError('null message');
      if (typeof message === 'number') {
        // Taken without an error, and a live session goes with it.
        const victim = this.state.allSessions()[0];
        if (victim !== undefined) this.state.removeApiSession(victim.token);
        return;
      }
      receive.call(this, message);
    });
    const report = await fuzzRouter({ messages: 1_000, profile: 'fixed', seed: SEED });
    expect(report.crashes.receive).toBeGreaterThan(0);
    expect(report.sessionsLost).toBeGreaterThan(0);
    expect(report.malformedUncounted).toBeGreaterThan(0);
    expect(fuzzFailed(report)).toBe(true);
    expect(report.examples[0]).toMatch(/: (receive threw TypeError: null message|malformed, yet taken)/);
  });
});
