import type { Builder } from 'junit-report-builder';
import * as junitModule from 'junit-report-builder';
import { describeGate } from '../../bench/gates/describeGate.js';
import type { BenchReport } from '../reports/BenchReport.js';
import type { NightlySummary } from '../reports/NightlySummary.js';
import { selfCheckFailure } from './plantedLeakSelfCheck.js';

// A CommonJS package whose typings describe an ES default export: the builder is the module itself.
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/**
 * One test case per property check, soak, coverage target and benchmark figure, for CI's
 * test report view. A failure is the code shown wrong; an error is something that could
 * not judge it (inconclusive, did not run).
 */
export function junitReport(summary: NightlySummary, bench: BenchReport | undefined): string {
  const builder = junit.newBuilder().name('nightly');
  const properties = builder.testSuite().name('properties');
  for (const p of summary.properties) {
    const testCase = properties
      .testCase()
      .className(`properties.${p.system}.${p.expect === 'holds' ? 'holds' : 'caught'}`)
      .name(`${p.property} against ${p.target} ${p.expect === 'holds' ? 'holds' : 'is caught'} (seed ${p.seed})`)
      .time(p.durationMs / 1000);
    const message = `${p.message ?? ''}${p.counterexample ? ` (reports/${p.counterexample})` : ''}`;
    if (p.verdict === 'inconclusive') testCase.error(message);
    else if ((p.expect === 'holds') !== (p.verdict === 'holds')) testCase.failure(message);
  }
  if (summary.coverage) {
    const coverage = builder.testSuite().name('coverage');
    for (const row of summary.coverage.rows) {
      const testCase = coverage
        .testCase()
        .className('coverage')
        .name(`${row.event}: ${row.perThousand.toFixed(1)} per 1,000 cases (target ${row.target})`);
      if (!row.met) testCase.failure(`reached in ${row.hits} of ${summary.coverage.cases} cases`);
    }
  }
  const soaks = builder.testSuite().name('soak');
  for (const s of summary.soaks) {
    const testCase = soaks
      .testCase()
      .className(`soak.${s.system}.${s.expect}`)
      .name(
        s.selfCheck
          ? `self-check: ${s.scenario} under ${s.target} reports the leak planted at ${s.selfCheck.path}`
          : `${s.scenario} under ${s.target} ${s.expect === 'leak' ? 'leaks' : 'is clean'}`,
      )
      .time(s.durationMs / 1000);
    const selfCheckFailed = s.selfCheck ? selfCheckFailure(s) : undefined;
    if (selfCheckFailed !== undefined) testCase.failure(selfCheckFailed);
    else if (s.verdict === 'error' || s.verdict === 'inconclusive') testCase.error(s.message ?? s.verdict);
    else if (s.verdict !== s.expect) testCase.failure(s.message ?? `verdict ${s.verdict}`);
  }
  if (summary.leftOut && summary.leftOut.length > 0) {
    // What the budget left out or cut judged nothing: an error each, named, never a pass.
    const budget = builder.testSuite().name('budget');
    for (const what of summary.leftOut) {
      budget
        .testCase()
        .className('budget.left-out')
        .name(what.split(': ')[0] ?? what)
        .error(what);
    }
  }
  const benchmarks = builder.testSuite().name('benchmarks');
  if (summary.benchmarks?.error) {
    benchmarks.testCase().className('bench').name('benchmarks ran').error(summary.benchmarks.error);
  }
  // Only gates are tests: absolute times are in the report for trends and decide nothing.
  for (const gate of bench?.gates ?? []) {
    const testCase = benchmarks
      .testCase()
      .className(`bench.${gate.kind}`)
      .name(`${gate.name}: ${gate.value.toPrecision(4)} ${gate.unit}`);
    if (gate.verdict === 'regressed') testCase.failure(describeGate(gate));
  }
  return builder.build();
}
