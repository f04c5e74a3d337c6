import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { orderPropertyFiles } from '../../../properties/support/mutation/propertyFileOrder.js';
import { JobFailedError } from '../../../src/errors.js';
import { formatMutationSummary } from '../../../src/jobs/mutation/formatSummary.js';
import { incrementalKey, readTestSide } from '../../../src/jobs/mutation/incrementalKey.js';
import { type MutationRequest, runMutation, type StrykerRunOptions } from '../../../src/jobs/mutation/runMutation.js';
import { readMutationReport } from '../../../src/reports/MutationReport.js';
import { temporaryDir } from '../../support/tempDir.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stryker-report.json', import.meta.url));

interface Seen {
  options?: StrykerRunOptions;
  env?: Record<string, string | undefined>;
}

/** Stands in for Stryker: records what it was asked and writes the fixture as its JSON report. */
function fakeStryker(seen: Seen) {
  return async (options: StrykerRunOptions): Promise<void> => {
    seen.options = options;
    seen.env = {
      NIGHTLY_RUNS: process.env.NIGHTLY_RUNS,
      PROPERTY_SEED: process.env.PROPERTY_SEED,
      REPORTS_DIR: process.env.REPORTS_DIR,
    };
    mkdirSync(dirname(options.jsonReporter.fileName), { recursive: true });
    copyFileSync(FIXTURE, options.jsonReporter.fileName);
  };
}

const request = (reportsRoot: string, stamp: string): MutationRequest => ({
  runs: 40,
  seed: 7,
  concurrency: 2,
  force: false,
  reportsRoot,
  stamp,
});

describe('runMutation', () => {
  test('writes summary.json from the JSON report, next to the reports it names', async () => {
    const dir = temporaryDir();
    const seen: Seen = {};
    const before = process.env.NIGHTLY_RUNS;
    const run = await runMutation(request(dir, 'stamp'), { root: process.cwd(), runStryker: fakeStryker(seen) });

    expect(run.summaryFile).toBe(join(dir, 'mutation', 'stamp', 'summary.json'));
    const summary = readMutationReport(run.summaryFile);
    expect(summary).toEqual(run.summary);
    expect(summary).toMatchObject({
      kind: 'mutation-report',
      budget: { runs: 40, seed: 7 },
      concurrency: 2,
      mutate: ['src/session/**/*.ts'],
      score: 50,
      counts: {
        total: 9,
        killed: 2,
        survived: 2,
        timeout: 1,
        noCoverage: 1,
        compileErrors: 1,
        ignored: 2,
        equivalent: 1,
      },
      htmlReport: 'index.html',
      strykerReport: 'mutation.json',
    });
    expect(summary.incrementalFile).toMatch(/^mutation\/incremental\/[0-9a-f]{16}\.json$/);
    expect(summary.survivors.map((s) => `#${s.id} ${s.file}:${s.line} ${s.original} → ${s.replacement}`)).toEqual([
      '#1 src/session/SyncChunkGate.ts:2 syncId > current → syncId >= current',
      '#3 src/session/SyncChunkGate.ts:6 { clear(); } → {}',
      '#8 src/session/SyncTracker.ts:2 0 → ',
    ]);

    expect(seen.options?.htmlReporter.fileName).toBe(join(dir, 'mutation', 'stamp', 'index.html'));
    expect(seen.options?.incrementalFile).toBe(join(dir, summary.incrementalFile));
    expect(seen.options).toMatchObject({ configFile: 'stryker.config.mjs', concurrency: 2, force: false });
    // The test processes Stryker starts inherit the budget; counterexamples stay in the sandbox.
    expect(seen.env).toEqual({ NIGHTLY_RUNS: '40', PROPERTY_SEED: '7', REPORTS_DIR: '' });
    expect(process.env.NIGHTLY_RUNS).toBe(before);
  });

  test('a Stryker failure is a failed job (exit 2) and no summary is written', async () => {
    const dir = temporaryDir();
    const failing = async (): Promise<void> => {
      throw new Error('No tests were executed.');
    };
    const run = runMutation(request(dir, 'failed'), { root: process.cwd(), runStryker: failing });
    await expect(run).rejects.toThrow(JobFailedError);
    await expect(run).rejects.toThrow(
      'Stryker stopped before the end: No tests were executed. (its log above says more)',
    );
    expect(existsSync(join(dir, 'mutation', 'failed', 'summary.json'))).toBe(false);
  });

  test("--reuse starts from an earlier run's incremental file, copied to this run's", async () => {
    const dir = temporaryDir();
    const earlier = join(dir, 'earlier.json');
    writeFileSync(earlier, '{"earlier": true}');
    const seen: Seen = {};
    let startedWith: string | undefined;
    await runMutation(
      { ...request(dir, 'reused'), reuse: earlier },
      {
        root: process.cwd(),
        runStryker: async (options) => {
          startedWith = readFileSync(options.incrementalFile, 'utf8');
          await fakeStryker(seen)(options);
        },
      },
    );
    expect(startedWith).toBe('{"earlier": true}');
    await expect(
      runMutation({ ...request(dir, 'missing'), reuse: join(dir, 'absent.json') }, { root: process.cwd() }),
    ).rejects.toThrow(/--reuse: no incremental file at .*absent\.json/);
  });

  test('a run started away from the repository root is refused before Stryker starts', async () => {
    const seen: Seen = {};
    await expect(
      runMutation(request(temporaryDir(), 'elsewhere'), { root: temporaryDir(), runStryker: fakeStryker(seen) }),
    ).rejects.toThrow(/run it from the repository root/);
    expect(seen.options).toBeUndefined();
  });

  test('the terminal summary groups the survivors by file, with their ids', async () => {
    const run = await runMutation(request(temporaryDir(), 'text'), {
      root: process.cwd(),
      runStryker: fakeStryker({}),
    });
    const text = formatMutationSummary(run.summary).join('\n');
    expect(text).toContain('9 mutants: 2 killed, 1 timed out, 2 survived, 1 without coverage, 1 compile errors');
    expect(text).toContain('1 marked equivalent in the code, each with its reason');
    expect(text).toContain('counted as survivors, the score would be 42.86');
    expect(text).toContain(
      [
        'src/session/SyncChunkGate.ts (score 50.00)',
        '  #1 2:10 EqualityOperator: syncId > current → syncId >= current',
        '  #3 6:15 BlockStatement [no coverage]: { clear(); } → {}',
      ].join('\n'),
    );
  });
});

describe('incremental results are reused only for the same tests and budget', () => {
  const files = [
    { path: 'properties/freed.test.ts', content: 'a' },
    { path: 'src/harness/router/invariants/safety.ts', content: 'b' },
  ] as const;
  const key = incrementalKey(files, { runs: 40, seed: 7 });

  test('the key does not depend on the order files were read in', () => {
    expect(incrementalKey([...files].reverse(), { runs: 40, seed: 7 })).toBe(key);
  });

  test('a changed invariant, runs or seed gives another key', () => {
    expect(incrementalKey([files[0], { ...files[1], content: 'c' }], { runs: 40, seed: 7 })).not.toBe(key);
    expect(incrementalKey(files, { runs: 41, seed: 7 })).not.toBe(key);
    expect(incrementalKey(files, { runs: 40, seed: 8 })).not.toBe(key);
  });

  test('moving content from one file to another gives another key', () => {
    const moved = [
      { path: 'properties/freed.test.ts', content: 'ab' },
      { path: 'src/harness/router/invariants/safety.ts', content: '' },
    ];
    expect(incrementalKey(moved, { runs: 40, seed: 7 })).not.toBe(key);
  });

  test('the test side read from the repository holds the invariants and the property files, not src/session', () => {
    const paths = readTestSide(process.cwd()).map((file) => file.path);
    expect(paths).toContain('src/harness/router/invariants/safety.ts');
    expect(paths).toContain('properties/safety.test.ts');
    expect(paths.some((path) => path.startsWith('src/session/'))).toBe(false);
  });
});

describe('the property files of a mutation run', () => {
  test('run in the declared order, whatever order they were found in; unnamed files go last', () => {
    const found = [
      '../../freed.test.ts',
      '../../later.test.ts',
      '../../bounded.test.ts',
      '../../regressions/x.test.ts',
      '../../progress.test.ts',
      '../../safety.test.ts',
      '../../invariantsCanFail.test.ts',
    ];
    expect(orderPropertyFiles(found).map((path) => path.replace('../../', ''))).toEqual([
      'progress.test.ts',
      'safety.test.ts',
      'bounded.test.ts',
      'regressions/x.test.ts',
      'freed.test.ts',
      'invariantsCanFail.test.ts',
      'later.test.ts',
    ]);
  });
});
