import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import { PROTOCOL_ERROR_CODES, ProtocolError } from '../src/session/ProtocolError.js';
import { RouterCounters } from '../src/session/RouterCounters.js';
import { type RouterEvent, RouterEvents } from '../src/session/RouterEvents.js';

// What the router keeps for its observers and reports, on its own: the event stream every
// invariant reads (a listener let go must hear nothing more, or a checker of one case would
// judge the next), and the error record reports show (bounded, newest kept).

type Operation =
  | { readonly op: 'subscribe' }
  /** Lets go of the listener at `pick` (modulo how many there were), perhaps a second time. */
  | { readonly op: 'unsubscribe'; readonly pick: number }
  | { readonly op: 'emit' }
  | { readonly op: 'ended' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.constant({ op: 'subscribe' as const }),
  fc.record({ op: fc.constant('unsubscribe' as const), pick: fc.nat({ max: 5 }) }),
  fc.constant({ op: 'emit' as const }),
  fc.constant({ op: 'ended' as const }),
);

test('events: every listener hears each event once, in order, until it is let go; observed means someone listens', () => {
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 30, size: 'max' }), (operations) => {
      const events = new RouterEvents();
      const listeners: { heard: RouterEvent[]; expected: RouterEvent[]; active: boolean; stop: () => void }[] = [];
      let emitted = 0;
      for (const step of operations) {
        if (step.op === 'subscribe') {
          const listener = { heard: [] as RouterEvent[], expected: [] as RouterEvent[], active: true, stop: () => {} };
          listener.stop = events.subscribe((event) => listener.heard.push(event));
          listeners.push(listener);
        } else if (step.op === 'unsubscribe') {
          const listener = listeners[step.pick % Math.max(1, listeners.length)];
          listener?.stop();
          if (listener !== undefined) listener.active = false;
        } else {
          const event: RouterEvent =
            step.op === 'emit'
              ? { type: 'sync-started', syncId: `sync-${++emitted}`, serial: emitted }
              : { type: 'ended', kind: 'chunk', object: [++emitted], label: `chunk ${emitted}` };
          if (step.op === 'emit') events.emit(event);
          else if (event.type === 'ended') events.ended(event.kind, event.object, event.label);
          for (const listener of listeners) if (listener.active) listener.expected.push(event);
        }
        expect(events.observed).toBe(listeners.some((listener) => listener.active));
        for (const listener of listeners) expect(listener.heard).toEqual(listener.expected);
      }
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
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
