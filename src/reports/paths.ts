import { join } from 'node:path';

/** Where reports go: `REPORTS_DIR` or `reports/` under the working directory. */
export function reportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.REPORTS_DIR && env.REPORTS_DIR !== '' ? env.REPORTS_DIR : join(process.cwd(), 'reports');
}

export function counterexamplesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(reportsDir(env), 'counterexamples');
}
