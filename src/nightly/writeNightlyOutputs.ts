import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchReport, readBenchReport } from '../reports/BenchReport.js';
import type { NightlySummary } from '../reports/NightlySummary.js';
import { writeFileAtomic, writeJsonAtomic } from '../reports/writeFileAtomic.js';
import { junitReport } from './junitReport.js';
import { summaryMarkdown } from './summaryMarkdown.js';

export interface NightlyFiles {
  readonly summaryJson: string;
  readonly summaryMd: string;
  readonly junitXml: string;
}

/** summary.json, summary.md and junit.xml in the night's folder. */
export function writeNightlyOutputs(nightDir: string, reportsRoot: string, summary: NightlySummary): NightlyFiles {
  let bench: BenchReport | undefined;
  const benchFile = summary.benchmarks?.report ? join(reportsRoot, summary.benchmarks.report) : undefined;
  if (benchFile !== undefined && existsSync(benchFile)) bench = readBenchReport(benchFile);
  const files = {
    summaryJson: join(nightDir, 'summary.json'),
    summaryMd: join(nightDir, 'summary.md'),
    junitXml: join(nightDir, 'junit.xml'),
  };
  writeJsonAtomic(files.summaryJson, summary);
  writeFileAtomic(files.summaryMd, summaryMarkdown(summary));
  writeFileAtomic(files.junitXml, junitReport(summary, bench));
  return files;
}

/** `2026-11-24T21-53-32Z`: sortable, and a valid folder name everywhere. */
