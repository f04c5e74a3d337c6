import fc from 'fast-check';
import { HarnessError } from '../../../src/errors.js';
import { canCollectGarbage } from '../../../src/harness/engine/collectGarbage.js';

// Setup of every property file in a mutation run (vitest.mutation.config.ts).

/** The test worker has no gc(): the freed property would skip its heap check and pass. */
export class GcUnavailableError extends HarnessError {
  constructor() {
    super(
      'job-failed',
      'gc() is not exposed in this test worker, so the freed property would skip its heap check; ' +
        'start the test process with --expose-gc (Stryker: testRunnerNodeArgs)',
    );
    this.name = 'GcUnavailableError';
  }
}

if (!canCollectGarbage()) throw new GcUnavailableError();

// A mutant is killed by the first failing case; shrinking it only costs time, and a mutant
// that livelocks the model would shrink until Stryker's timeout.
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
