/// <reference types="vite/client" />
import { orderPropertyFiles } from './propertyFileOrder.js';

// The one test file of a mutation run (vitest.mutation.config.ts): it imports every
// property file, whose tests then belong to it, in the order of propertyFileOrder.ts.
// One file, so each mutant pays for importing the harness once rather than once per
// property. Left out: the self-check (every fault profile against its properties, the
// dearest file by far, and it judges the fault flags, not the fixed code) and the store
// properties, which src/session is not part of.
const files = import.meta.glob(['../../*.test.ts', '../../regressions/*.test.ts', '!../../selfCheck.test.ts']);

for (const path of orderPropertyFiles(Object.keys(files))) await files[path]?.();
