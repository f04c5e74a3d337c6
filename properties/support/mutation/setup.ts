import fc from 'fast-check';
import { assertHeapVerdictsPossible } from '../../../src/harness/index.js';

// Setup of every property file in a mutation run (vitest.mutation.config.ts). A worker
// without the heap flags fails here, once, rather than in every freed case.
assertHeapVerdictsPossible();

// A mutant is killed by the first failing case; shrinking it only costs time, and a mutant
// that livelocks the model would shrink until Stryker's timeout.
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
