import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSoak } from '../../soak/runSoak.js';
import { runCli, temporaryReportsDir } from '../support/runCli.js';

describe('a shrunk counterexample replayed in the soak worker', () => {
  test('--from a counterexample: what each repetition keeps, and what the fault adds to the same steps under fixed', async () => {
    const root = temporaryReportsDir();
    expect(
      runCli('props', ['--profile', 'no-release', '--property', 'freed', '--runs', '50', '--seed', '5'], root).status,
    ).toBe(1);
    const file = join(root, 'counterexamples', 'freed-no-release-5.json');
    const { report } = await runSoak(
      { kind: 'counterexample', file, profile: 'no-release', repeat: 50 },
      { reportsRoot: root },
    );
    expect(report.verdict).toBe('leak');
    expect(report.reasons[0]).toMatch(/^retainedTrackers: 5\d trackers/);
    const from = report.from;
    expect(from?.repeat).toBe(50);
    expect(from?.underFixed).toBeDefined();
    // The applied tracker each repetition keeps under no-release: a few hundred bytes at least.
    expect((from?.bytesPerRepetition ?? 0) - (from?.underFixed?.bytesPerRepetition ?? 0)).toBeGreaterThan(300);
    expect(from?.objectsPerRepetition ?? 0).toBeGreaterThan(from?.underFixed?.objectsPerRepetition ?? 0);
  }, 60_000);
});
