import { expect, test } from 'vitest';
import { describeMessage } from '../../../src/session/describeMessage.js';
import { ContentType } from '../../../src/session/messages.js';

test('a label reads no getter and no proxy trap, so the router later reads what was sent', () => {
  let reads = 0;
  const body = { isFullState: false };
  Object.defineProperty(body, 'apiSessions', {
    enumerable: true,
    get: () => {
      reads++;
      return [];
    },
  });
  const trapped = new Proxy(
    {},
    {
      get: () => {
        reads++;
        return ContentType.ApiSessionAdded;
      },
    },
  );
  expect(describeMessage({ contentType: ContentType.ApiSessionAdded, headers: {}, body })).toBe(
    'live add of ? session(s)',
  );
  expect(describeMessage(trapped)).toBe('a message without a text content type');
  expect(
    describeMessage({ contentType: ContentType.ApiSessionRemoved, headers: {}, body: { tokens: ['a', 'b'] } }),
  ).toBe('removal of a, b');
  expect(reads).toBe(0);
});
