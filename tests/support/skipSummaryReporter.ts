import type { Reporter, TestModule } from 'vitest/node';

const REASON = /\[(skipped on purpose: [^\]]+)\]/;

/**
 * After the run, one line per reason tests were skipped for, with how many: vitest's own
 * summary counts skips but does not say why. A skip without a reason is named as such.
 */
export default class SkipSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, number>();
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        if (testCase.result().state !== 'skipped') continue;
        const reason = REASON.exec(testCase.fullName)?.[1] ?? `skipped without a reason: ${testCase.fullName}`;
        byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      }
    }
    for (const [reason, count] of byReason) process.stdout.write(`\n${count} test(s) ${reason}`);
    if (byReason.size > 0) process.stdout.write('\n');
  }
}
