import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseStrykerReport, readStrykerReport } from '../../../src/jobs/mutation/strykerReport.js';
import {
  mutationScore,
  SNIPPET_MAX_CHARS,
  snippet,
  summarizeMutants,
  textAt,
} from '../../../src/jobs/mutation/summarizeMutants.js';
import { ReportFileError } from '../../../src/reports/ReportFileError.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stryker-report.json', import.meta.url));
const fixtureJson = (): Record<string, unknown> => JSON.parse(readFileSync(FIXTURE, 'utf8'));

describe("a summary of Stryker's JSON report", () => {
  const summary = summarizeMutants(readStrykerReport(FIXTURE));

  test('counts every status, errors and ignored mutants included', () => {
    expect(summary.counts).toEqual({
      total: 9,
      killed: 2,
      survived: 2,
      timeout: 1,
      noCoverage: 1,
      compileErrors: 1,
      runtimeErrors: 0,
      ignored: 2,
      equivalent: 1,
    });
  });

  test('scores as Stryker does: killed and timed out over those plus survived and uncovered', () => {
    // (2 killed + 1 timeout) / (3 detected + 2 survived + 1 without coverage)
    expect(summary.score).toBe(50);
    expect(summary.files).toEqual([
      { file: 'src/session/SyncChunkGate.ts', total: 5, killed: 1, survived: 1, timeout: 1, noCoverage: 1, score: 50 },
      { file: 'src/session/SyncTracker.ts', total: 4, killed: 1, survived: 1, timeout: 0, noCoverage: 0, score: 50 },
    ]);
  });

  test('lists the mutants marked equivalent in the code with their reasons, and scores them as survivors too', () => {
    expect(summary.equivalents).toEqual([
      {
        id: '9',
        file: 'src/session/SyncTracker.ts',
        line: 2,
        column: 10,
        mutator: 'EqualityOperator',
        reason: 'equivalent, no sequence below 0 reaches it',
      },
    ]);
    // 3 detected of 2 survived + 1 without coverage + 1 marked equivalent.
    expect(summary.scoreCountingEquivalent).toBe(42.86);
  });

  test('lists survived and uncovered mutants by file and position, with the code each replaced', () => {
    expect(summary.survivors).toEqual([
      {
        file: 'src/session/SyncChunkGate.ts',
        line: 2,
        column: 10,
        status: 'survived',
        mutator: 'EqualityOperator',
        original: 'syncId > current',
        replacement: 'syncId >= current',
        id: '1',
      },
      {
        file: 'src/session/SyncChunkGate.ts',
        line: 6,
        column: 15,
        status: 'no-coverage',
        mutator: 'BlockStatement',
        original: '{ clear(); }',
        replacement: '{}',
        id: '3',
      },
      {
        file: 'src/session/SyncTracker.ts',
        line: 2,
        column: 21,
        status: 'survived',
        mutator: 'ArithmeticOperator',
        original: '0',
        replacement: '',
        id: '8',
      },
    ]);
  });

  test('a report with no testable mutant has no score rather than 0 or 100', () => {
    expect(
      mutationScore({
        total: 1,
        killed: 0,
        survived: 0,
        timeout: 0,
        noCoverage: 0,
        compileErrors: 1,
        runtimeErrors: 0,
        ignored: 0,
      }),
    ).toBeNull();
  });
});

describe('code snippets', () => {
  const source = 'line one\n  if (a) {\n    b();\n  }\n';

  test('positions start at one and the end is just past the code', () => {
    expect(textAt(source, { start: { line: 1, column: 6 }, end: { line: 1, column: 9 } })).toBe('one');
    expect(textAt(source, { start: { line: 2, column: 10 }, end: { line: 4, column: 4 } })).toBe('{\n    b();\n  }');
  });

  test('long code is cut to one line of at most the limit', () => {
    const cut = snippet(`${'x'.repeat(SNIPPET_MAX_CHARS)}\n  y`);
    expect(cut).toHaveLength(SNIPPET_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(snippet('a &&\n    b')).toBe('a && b');
  });
});

describe('a report this reader does not know', () => {
  test('an unknown status is refused, naming the file and the field', () => {
    const json = fixtureJson() as { files: Record<string, { mutants: { status: string }[] }> };
    const mutant = json.files['src/session/SyncTracker.ts']?.mutants[0];
    if (mutant === undefined) throw new Error('fixture changed: no mutant to corrupt');
    mutant.status = 'Vanished';
    expect(() => parseStrykerReport(json, 'mutation.json')).toThrow(ReportFileError);
    expect(() => parseStrykerReport(json, 'mutation.json')).toThrow(
      /^mutation\.json: not a Stryker mutation report .*: files\.src\/session\/SyncTracker\.ts\.mutants\.0\.status/,
    );
  });

  test('a missing file says the run may not have finished', () => {
    expect(() => readStrykerReport(fileURLToPath(new URL('./fixtures/absent.json', import.meta.url)))).toThrow(
      /cannot read Stryker's JSON report \(ENOENT\); did the run finish\?/,
    );
  });
});
