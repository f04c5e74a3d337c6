/** How many generated cases reached each named behaviour. */
export interface CoverageTally {
  readonly cases: number;
  readonly hits: Readonly<Record<string, number>>;
}

export interface CoverageRow {
  readonly event: string;
  readonly hits: number;
  readonly perThousand: number;
  readonly target: number;
  readonly met: boolean;
}

/** Coverage is judged only over enough cases: a target of 10 per 1,000 means nothing over 50. */
export const MIN_CASES_FOR_COVERAGE = 300;

export class CoverageCounter {
  private cases = 0;
  private readonly hits = new Map<string, number>();

  record(events: ReadonlySet<string>): void {
    this.cases++;
    for (const event of events) this.hits.set(event, (this.hits.get(event) ?? 0) + 1);
  }

  tally(): CoverageTally {
    return { cases: this.cases, hits: Object.fromEntries(this.hits) };
  }
}

export function mergeTallies(tallies: readonly CoverageTally[]): CoverageTally {
  const hits: Record<string, number> = {};
  let cases = 0;
  for (const tally of tallies) {
    cases += tally.cases;
    for (const [event, count] of Object.entries(tally.hits)) hits[event] = (hits[event] ?? 0) + count;
  }
  return { cases, hits };
}

/** Every target with what the tally reached, worst first. */
export function coverageRows(tally: CoverageTally, targets: Readonly<Record<string, number>>): CoverageRow[] {
  return Object.entries(targets)
    .map(([event, target]) => {
      const hits = tally.hits[event] ?? 0;
      const perThousand = tally.cases === 0 ? 0 : (hits * 1_000) / tally.cases;
      return { event, hits, perThousand, target, met: perThousand >= target };
    })
    .sort((a, b) => Number(a.met) - Number(b.met) || a.perThousand / a.target - b.perThousand / b.target);
}

/** Events below target, when enough cases ran to judge; empty otherwise. */
export function missedCoverage(tally: CoverageTally, targets: Readonly<Record<string, number>>): CoverageRow[] {
  if (tally.cases < MIN_CASES_FOR_COVERAGE) return [];
  return coverageRows(tally, targets).filter((row) => !row.met);
}
