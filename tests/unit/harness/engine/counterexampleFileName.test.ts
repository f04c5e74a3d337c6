import { describe, expect, test } from 'vitest';
import { counterexampleFileName } from '../../../../src/harness/engine/counterexample/CounterexampleFile.js';

const named = (system: string, target: string) =>
  counterexampleFileName({ system, property: 'conformance', target, seed: 7 });

describe('counterexample file names', () => {
  test('a fault profile or a built-in store is named as given', () => {
    expect(named('router', 'upstream-races')).toBe('conformance-upstream-races-7.json');
    expect(named('store', 'connect-pg-simple')).toBe('store-conformance-connect-pg-simple-7.json');
  });

  test('a store given by its path is named by its last folder and file, never by where it lies', () => {
    expect(named('store', '/home/someone/work/my-store/lib/store.js')).toBe('store-conformance-lib_store.js-7.json');
    expect(named('store', './lib/store.js')).toBe('store-conformance-lib_store.js-7.json');
    expect(named('store', 'C:\\\\code\\\\store\\\\index.js')).toBe('store-conformance-store_index.js-7.json');
    expect(named('store', '../../')).toBe('store-conformance-_-7.json');
  });
});
