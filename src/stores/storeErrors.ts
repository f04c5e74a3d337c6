import { HarnessError } from '../errors.js';

/** The name is neither a built-in store nor a path to a module. */
export class UnknownStoreError extends HarnessError {
  constructor(
    readonly requested: string,
    readonly knownNames: readonly string[],
  ) {
    super(
      'unknown-store',
      `unknown store "${requested}": use one of ${knownNames.join(', ')}, or a path to a module exporting createStore(context) (e.g. ./stores/myStore.ts)`,
    );
    this.name = 'UnknownStoreError';
  }
}

/** The store exists by name or path but could not be loaded or opened. */
export class StoreLoadError extends HarnessError {
  constructor(
    readonly requested: string,
    reason: string,
    readonly knownNames: readonly string[],
    options?: { cause?: unknown },
  ) {
    super('store-load', `cannot load store "${requested}": ${reason} (built-in stores: ${knownNames.join(', ')})`, {
      ...(options?.cause !== undefined ? { cause: options.cause } : {}),
    });
    this.name = 'StoreLoadError';
  }
}

/** A store call answered with an error, threw, or never called back. */
export class StoreCallError extends Error {
  constructor(
    readonly storeName: string,
    readonly call: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`store ${storeName}: ${call} ${reason}`, options);
    this.name = 'StoreCallError';
  }
}
