import fc from 'fast-check';

/** The largest pick a file may hold; picks are taken modulo what there is to pick from. */
export const PICK_LIMIT = 1_000_000;

/** Picks are small so shrinking lands on "the first one", the FIFO order. */
export const pick = fc.nat({ max: 7 });
