import { expect, test } from 'vitest';
import { firstDifference, sameObjects } from '../../../../src/harness/parts/differences.js';

test('firstDifference names the first reading that differs, with both values', () => {
  expect(firstDifference('the queue', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBeUndefined();
  expect(firstDifference('the queue', { a: 1, b: [1, 3], c: 0 }, { a: 1, b: [1, 2], c: 1 })).toBe(
    'the queue: b is [ 1, 3 ], the model says [ 1, 2 ]',
  );
});

test('firstDifference compares strictly: an undefined field counts, and only the model names the readings', () => {
  expect(firstDifference('x', { a: { b: undefined } }, { a: {} })).toBe('x: a is { b: undefined }, the model says {}');
  expect(firstDifference('x', { a: 1, extra: 2 }, { a: 1 })).toBeUndefined();
});

test('sameObjects wants the very objects, not copies', () => {
  const one = { n: 1 };
  expect(sameObjects([one], [one])).toBe(true);
  expect(sameObjects([one], [{ n: 1 }])).toBe(false);
  expect(sameObjects([one], [one, one])).toBe(false);
});
