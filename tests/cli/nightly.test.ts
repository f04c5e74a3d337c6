import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNightlySummary } from '../../src/reports/NightlySummary.js';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('npm run nightly', () => {
  test('bad flags exit 2 with the reason and the usage', () => {
    const reports = temporaryReportsDir();
    for (const args of [
      ['--shard', '3/2'],
      ['--budget', 'soon'],
      ['--only', 'lunch'],
      ['--force-profile', 'fixed'],
      ['--merge'],
      ['--budget', '20s'],
    ]) {
      const run = runCli('nightly', args, reports);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^nightly: .+ \(npm run nightly -- --help lists every option\)\n$/);
    }
  });

  test('a budget below what the night needs is refused at once, with that least and what needs it', () => {
    const reports = temporaryReportsDir();
    const run = runCli('nightly', ['--budget', '20s'], reports);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^nightly: --budget 0:20 is less than this night needs to judge what it runs, about \d+:\d\d: /,
    );
    expect(run.stderr).toMatch(/soaks of at least 180 cycles each/);
    expect(run.stderr).toMatch(/Give --budget \d+m\d+s or more, or run fewer parts with --only/);
    expect(readdirSync(reports)).toEqual([]);
  });

  test('with a fault forced into the fixed slot the night fails, and its summary says why', () => {
    const reports = temporaryReportsDir();
    const run = runCli(
      'nightly',
      ['--only', 'properties', '--budget', '40s', '--runs', '100', '--seed', '1', '--force-profile', 'no-release'],
      reports,
    );
    expect(run.status).toBe(1);
    const [night] = readdirSync(join(reports, 'nightly'));
    const summary = readNightlySummary(join(reports, 'nightly', night ?? '', 'summary.json'));
    expect(summary.verdict).toBe('fail');
    expect(summary.reasons[0]).toBe('self-test: profile no-release ran in the slot of fixed');
    // Which checks the budget reaches depends on the machine; those that ran against no-release in fixed's slot broke.
    const broken = summary.properties.filter((p) => p.expect === 'holds' && p.verdict === 'broken');
    expect(broken.length).toBeGreaterThan(0);
    expect(summary.reasons.some((r) => /^\w+ against no-release: broken/.test(r))).toBe(true);
    expect(readFileSync(join(reports, 'nightly', night ?? '', 'summary.md'), 'utf8')).toContain('Why it failed');
    expect(readFileSync(join(reports, 'nightly', night ?? '', 'junit.xml'), 'utf8')).toContain('<failure');

    const merged = runCli('nightly', ['--merge', join(reports, 'nightly')], reports);
    expect(merged.status).toBe(1);
    expect(merged.stdout).toContain('merged 1 summaries: FAIL');
  }, 150_000);
});
