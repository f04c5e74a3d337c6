import { describeGate } from '../../bench/gates/describeGate.js';
import type { BenchReport } from '../harness/reports/BenchReport.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly failure?: string;
  readonly error?: string;
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, '\ufffd');
}

function suite(name: string, cases: readonly TestCase[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const time = cases.reduce((sum, c) => sum + c.seconds, 0);
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"`;
    if (c.failure !== undefined) return `${open}>\n      <failure message="${xml(c.failure)}"/>\n    </testcase>`;
    if (c.error !== undefined) return `${open}>\n      <error message="${xml(c.error)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">`,
    ...body,
    '  </testsuite>',
  ].join('\n');
}

/** One test case per property check, soak and benchmark, for CI's test report view. */
export function junitReport(summary: NightlySummary, bench: BenchReport | undefined): string {
  const properties: TestCase[] = summary.properties.map((p) => {
    const expectCatch = p.slot !== 'fixed';
    const name = `${p.invariant} under ${p.profile}${expectCatch ? ' is caught' : ' holds'} (seed ${p.seed})`;
    const failed = expectCatch ? p.passed : !p.passed;
    return {
      classname: `properties.${p.slot}`,
      name,
      seconds: p.durationMs / 1000,
      ...(failed
        ? {
            failure: expectCatch
              ? `not caught in ${p.runs} runs`
              : `${p.message ?? 'broken'}${p.counterexample ? ` (reports/${p.counterexample})` : ''}`,
          }
        : {}),
    };
  });
  const soaks: TestCase[] = summary.soaks.map((s) => {
    const expectLeak = s.slot !== 'fixed';
    const base = {
      classname: `soak.${s.slot}`,
      name: `${s.scenario} under ${s.profile}${expectLeak ? ' leaks' : ' is clean'}`,
      seconds: s.durationMs / 1000,
    };
    if (s.verdict === 'error') return { ...base, error: s.message ?? 'the soak failed to run' };
    const failed = expectLeak ? s.verdict === 'clean' : s.verdict === 'leak';
    return failed ? { ...base, failure: s.message ?? `verdict ${s.verdict}` } : base;
  });
  const benchmarks: TestCase[] = [];
  if (summary.benchmarks?.error) {
    benchmarks.push({ classname: 'bench', name: 'benchmarks ran', seconds: 0, error: summary.benchmarks.error });
  }
  // Only gates are tests: absolute times are in the report for trends and decide nothing.
  for (const gate of bench?.gates ?? []) {
    benchmarks.push({
      classname: `bench.${gate.kind}`,
      name: `${gate.name}: ${gate.value.toPrecision(4)} ${gate.unit}`,
      seconds: 0,
      ...(gate.verdict === 'regressed' ? { failure: describeGate(gate) } : {}),
    });
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nightly" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    suite('properties', properties),
    suite('soak', soaks),
    suite('benchmarks', benchmarks),
    '</testsuites>',
    '',
  ].join('\n');
}
