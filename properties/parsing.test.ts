import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  type ExpectedSyncHeaders,
  messageDefectCase,
  runsFromEnvironment,
  seedFromEnvironment,
} from '../src/harness/index.js';
import { parseMessage, parseSyncHeaders } from '../src/session/parseMessage.js';

// The router's parser on its own, against a catalogue of defects (messageDefects.ts): the
// model-based properties send hostile input too, but judge only that it is rejected with
// some known code; here each defect must get its own code, and a sound message must read
// as exactly what was sent. Cheap, so it runs at ten times the budget.
const MESSAGE_INDEX = 17;

function syncHeadersRead(headers: Readonly<Record<string, string>>): ExpectedSyncHeaders {
  const parsed = parseSyncHeaders(headers, MESSAGE_INDEX);
  if (!parsed.ok) return { ok: false, code: parsed.error.code, syncId: parsed.error.syncId };
  return parsed.value.kind === 'legacy'
    ? { ok: true, kind: 'legacy' }
    : { ok: true, kind: 'instant', syncState: { ...parsed.value.syncState } };
}

test('parsing: every defect of a controller message gets its own code, and a sound message reads as sent', () => {
  fc.assert(
    fc.property(messageDefectCase, ({ raw, expected }) => {
      const parsed = parseMessage(raw, MESSAGE_INDEX);
      if (!expected.ok) {
        expect(parsed.ok ? 'parsed' : { code: parsed.error.code, syncId: parsed.error.syncId }).toEqual({
          code: expected.code,
          syncId: expected.syncId,
        });
        if (!parsed.ok) expect(parsed.error.messageIndex).toBe(MESSAGE_INDEX);
        return;
      }
      if (!parsed.ok) throw new Error(`a sound message was refused: ${parsed.error.message}`);
      expect(parsed.value.contentType).toBe(expected.contentType);
      expect({ ...parsed.value.headers }).toEqual({ ...expected.headers });
      expect(parsed.value.body).toStrictEqual(expected.body);
      if (expected.syncHeaders !== undefined)
        expect(syncHeadersRead(parsed.value.headers)).toEqual(expected.syncHeaders);
    }),
    { seed: seedFromEnvironment(), numRuns: 10 * runsFromEnvironment() },
  );
});
