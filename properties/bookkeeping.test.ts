import fc from 'fast-check';
import { expect, test } from 'vitest';
import { eventsSystem, runsFromEnvironment, seedFromEnvironment } from '../src/harness/index.js';
import { PROTOCOL_ERROR_CODES, ProtocolError } from '../src/session/ProtocolError.js';
import { RouterCounters } from '../src/session/RouterCounters.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

// What the router keeps for its observers and reports, on its own: the event stream every
// invariant reads (against its model, src/harness/parts/events), and the error record
// reports show (bounded, newest kept).

test(`events: ${eventsSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(eventsSystem, 'model');
  expect(result.runsExecuted).toBe(result.runsRequested);
});

test('counters: every protocol error is counted by code, and the newest ones are kept, no more than the cap', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PROTOCOL_ERROR_CODES), {
        maxLength: 3 * RouterCounters.RECENT_ERRORS_KEPT,
        size: 'max',
      }),
      (codes) => {
        const counters = new RouterCounters();
        const errors = codes.map((code, index) => new ProtocolError(code, `defect ${index}`, index));
        for (const error of errors) counters.recordProtocolError(error);
        const byCode: Record<string, number> = {};
        for (const code of codes) byCode[code] = (byCode[code] ?? 0) + 1;
        expect(counters.protocolErrors).toBe(codes.length);
        expect(counters.protocolErrorsByCode).toEqual(byCode);
        const kept = counters.recentErrors;
        expect(kept.length).toBe(Math.min(codes.length, RouterCounters.RECENT_ERRORS_KEPT));
        const newest = errors.slice(errors.length - kept.length);
        for (const [i, error] of kept.entries()) expect(error).toBe(newest[i]);
      },
    ),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
});
