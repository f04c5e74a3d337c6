import type { NightlySummary } from '../harness/reports/NightlySummary.js';

type Parts = Pick<NightlySummary, 'properties' | 'soaks' | 'benchmarks' | 'forcedProfile'>;

/** Every reason the night fails, one line each; none means it passed. */
export function nightlyFailureReasons(parts: Parts): string[] {
  const reasons: string[] = [];
  if (parts.forcedProfile !== undefined) {
    reasons.push(`self-test: profile ${parts.forcedProfile} ran in the slot of fixed`);
  }
  for (const p of parts.properties) {
    if (p.slot === 'fixed' && !p.passed) {
      reasons.push(
        `counterexample under ${p.profile}: ${p.invariant} broken (seed ${p.seed}): ${p.message ?? ''}` +
          (p.counterexample ? ` (replay: npm run replay -- reports/${p.counterexample})` : ''),
      );
    }
    if (p.slot !== 'fixed' && p.passed) {
      reasons.push(`not caught: ${p.profile} held ${p.invariant} for ${p.runs} runs (seed ${p.seed})`);
    }
  }
  for (const s of parts.soaks) {
    if (s.verdict === 'error') reasons.push(`soak failed to run: ${s.scenario} under ${s.profile}: ${s.message ?? ''}`);
    else if (s.slot === 'fixed' && s.verdict === 'leak') {
      reasons.push(
        `leak under ${s.profile}: soak ${s.scenario}: ${s.message ?? ''} (report: reports/${s.report ?? '?'})`,
      );
    } else if (s.slot !== 'fixed' && s.verdict === 'clean') {
      reasons.push(`not caught: soak ${s.scenario} found no leak under ${s.profile}`);
    }
  }
  if (parts.benchmarks?.error) reasons.push(parts.benchmarks.error);
  for (const r of parts.benchmarks?.regressions ?? []) reasons.push(`benchmark regression: ${r}`);
  return reasons;
}
