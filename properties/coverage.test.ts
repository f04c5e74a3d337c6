import { describe, expect, test } from 'vitest';
import {
  COVERAGE,
  COVERAGE_TARGETS,
  checkProperty,
  coverageRows,
  missedCoverage,
  routerSystem,
  runsFromEnvironment,
  seedFromEnvironment,
} from '../src/harness/index.js';

describe('behaviour coverage of the generated schedules', () => {
  test("CI's budget reaches every named behaviour at its target rate", async () => {
    const result = await checkProperty(routerSystem, {
      property: 'safety',
      target: 'fixed',
      numRuns: runsFromEnvironment(),
      seed: seedFromEnvironment(),
    });
    const rows = coverageRows(result.coverage, COVERAGE_TARGETS);
    expect(rows.map((row) => row.event).sort()).toEqual(Object.values(COVERAGE).sort());
    const missed = missedCoverage(result.coverage, COVERAGE_TARGETS);
    expect(missed.map((row) => `${row.event}: ${row.perThousand.toFixed(1)} of ${row.target} per 1,000`)).toEqual([]);
  });

  test('an event the cases never reach is named as missed', () => {
    const hits = Object.fromEntries(Object.values(COVERAGE).map((event) => [event, 300]));
    delete hits[COVERAGE.deadlineWithChunkMissing];
    const missed = missedCoverage({ cases: 300, hits }, COVERAGE_TARGETS);
    expect(missed.map((row) => row.event)).toEqual([COVERAGE.deadlineWithChunkMissing]);
  });

  test('too few cases are not judged at all', () => {
    expect(missedCoverage({ cases: 40, hits: {} }, COVERAGE_TARGETS)).toEqual([]);
  });
});
