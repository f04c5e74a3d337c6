import type { AnyCommandSpec } from './CommandSpec.js';

/** Exit codes, environment and notes after the options in `--help`. */
export function helpAfterOptions(spec: AnyCommandSpec): string {
  const lines = ['', 'Exit codes:'];
  for (const [code, meaning] of Object.entries(spec.exitCodes)) lines.push(`  ${code.padStart(3)}  ${meaning}`);
  if (spec.environment !== undefined) {
    lines.push('', 'Environment:');
    for (const [name, meaning] of Object.entries(spec.environment)) lines.push(`  ${name}  ${meaning}`);
  }
  if (spec.notes !== undefined) lines.push('', spec.notes);
  return lines.join('\n');
}
