import { PLANTED_LEAK_HOLDER } from '../../soak/worker/plantedLeak.js';
import type { SoakOutcome } from '../reports/NightlySummary.js';
import type { SoakReport } from '../reports/SoakReport.js';
import type { FootprintRule, PlantedLeakSelfCheck } from './NightlyPlan.js';

export type SelfCheckOutcome = NonNullable<SoakOutcome['selfCheck']>;

/** Where the self-check's records are held, as the router's footprint names paths. */
export function plantedLeakPath(check: PlantedLeakSelfCheck): string {
  return PLANTED_LEAK_HOLDER[check.leak.shape ?? 'map'];
}

/** The self-check before (or without) a report: which rules must report the leak, and where. */
export function selfCheckExpected(check: PlantedLeakSelfCheck): SelfCheckOutcome {
  return { path: plantedLeakPath(check), rules: [...check.rules] };
}

/**
 * Which of the self-check's rules reported its leak at the planted path: the rule's limit
 * broken in a report that says LEAK, and what it names (the path that holds most of the
 * router's growth, or a collection that grew at every step) under the planted records.
 */
export function readSelfCheck(check: PlantedLeakSelfCheck, report: SoakReport): SelfCheckOutcome {
  const path = plantedLeakPath(check);
  const broken = new Set(report.checks.filter((c) => !c.passed && c.notJudged === undefined).map((c) => c.name));
  const footprint = report.footprint;
  const named: Record<FootprintRule, boolean> = {
    routerFootprintGrowth: footprint?.grewMost?.path.includes(path) ?? false,
    routerCollectionsGrowing: footprint?.growingCollections.some((c) => c.path.includes(path)) ?? false,
  };
  const caughtBy =
    report.verdict === 'leak' ? check.rules.filter((rule) => broken.has(rule) && named[rule]) : ([] as string[]);
  return { path, rules: [...check.rules], caughtBy };
}

/** Why a self-check that gave a report did not pass; undefined when every rule reported the planted leak. */
export function selfCheckFailure(outcome: SoakOutcome): string | undefined {
  const check = outcome.selfCheck;
  if (check?.caughtBy === undefined) return undefined;
  const missed = check.rules.filter((rule) => !check.caughtBy?.includes(rule));
  if (outcome.verdict === 'leak' && missed.length === 0) return undefined;
  const caught = check.caughtBy.length > 0 ? `reported by ${check.caughtBy.join(', ')} only` : 'reported by no rule';
  return `the leak planted at ${check.path} was not reported by ${missed.join(', ')} (verdict ${outcome.verdict}; ${caught})`;
}
