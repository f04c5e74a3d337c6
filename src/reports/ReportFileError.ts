import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { HarnessError } from '../errors.js';

/** A report file that cannot be read or is not the kind it claims to be. */
export class ReportFileError extends HarnessError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('report-file', `${file}: ${reason}`);
    this.name = 'ReportFileError';
  }
}

/** Reads a JSON report and checks it against its schema; the error names the first bad field. */
export function readReportFile<S extends z.ZodType>(
  file: string,
  kind: string,
  schema: S,
  /** Turns an older version of the file into the current one; returns it unchanged otherwise. */
  upgrade: (json: Record<string, unknown>) => Record<string, unknown> = (json) => json,
): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportFileError(file, `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportFileError(file, `not JSON; expected a ${kind} file`);
  }
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== kind) {
    throw new ReportFileError(file, `not a ${kind} file (no "kind": "${kind}")`);
  }
  const parsed = schema.safeParse(upgrade(json as Record<string, unknown>));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new ReportFileError(file, `corrupt ${kind}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
