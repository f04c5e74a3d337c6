import { createRequire } from 'node:module';
import { markdownTable } from 'markdown-table';
import {
  GROWTH_THRESHOLD,
  HEAP_THRESHOLD,
  OVERHEAD_THRESHOLD,
  REFERENCE_THRESHOLD,
  TASK_COUNT_THRESHOLD,
} from '../../../bench/figures/thresholds.js';
import { MIN_CYCLES_FOR_SLOPE, SOAK_LIMITS } from '../../../soak/analysis/thresholds.js';
import { FAULT_PROFILE_NAMES, PROFILE_DESCRIPTIONS } from '../../faults.js';
import type { Invariant } from '../../harness/index.js';
import {
  CATCH_RUNS,
  CI_RUNS,
  CI_SEED,
  EXPECTED_CATCHES,
  HEAP_CHECK_BATCH,
  MAX_COUNTEREXAMPLE_BYTES,
  MIN_CASES_FOR_COVERAGE,
  MIN_RUNS_FOR_A_VERDICT,
  NIGHTLY_RUNS_DEFAULT,
  ROUTER_INVARIANTS,
  routerSystem,
  SEED_RANGE,
  STORE_CHECK_RUNS,
  STORE_EXPECTATIONS,
  STORE_INVARIANTS,
  SURVIVAL_ROUNDS,
  storeSystem,
} from '../../harness/index.js';
import { loadAllCommands } from '../commands/index.js';
import { commandProgram } from '../framework/runCommand.js';

/**
 * The parts of the documentation that are declared elsewhere once: the commands (from
 * their option declarations), the fault profiles, the invariants, the limits of the
 * property runs, the soak and the benchmarks, and the layers (from the dependency rules
 * `npm test` checks). Each block lives in the docs file of its concern; `npm run docs`
 * writes them all, and a test fails when any file lags.
 */
export interface ReadmeSection {
  readonly name: string;
  /** The file holding the block, relative to the repository root. */
  readonly file: string;
  readonly content: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const number = (value: number) => value.toLocaleString('en-US');

/** One entry per command: how it is typed, what it does, and each exit code in full. */
export async function commandsSection(): Promise<ReadmeSection> {
  const entries = (await loadAllCommands()).map((command) => {
    const program = commandProgram(command);
    const flags = program.options.filter((option) => option.long !== '--help').map((option) => `[${option.flags}]`);
    const usage = [command.invocation, command.arguments, ...flags].filter((part) => part !== undefined).join(' ');
    const exits = Object.entries(command.exitCodes).map(([code, meaning]) => `  - \`${code}\` ${meaning}`);
    return [`- \`${usage}\`<br>`, `  ${command.summary}.`, ...exits].join('\n');
  });
  return { name: 'commands', file: 'docs/commands.md', content: entries.join('\n') };
}

export function profilesSection(): ReadmeSection {
  return {
    name: 'profiles',
    file: 'docs/fixed-vs-reference.md',
    content: markdownTable([
      ['profile', 'what is wrong'],
      ...FAULT_PROFILE_NAMES.map((name) => [`\`${name}\``, cell(PROFILE_DESCRIPTIONS[name])]),
    ]),
  };
}

/** When the engine asks an invariant, from the checks it declares. */
function whenChecked(invariant: Invariant<never>): string {
  const when: string[] = [];
  if (invariant.checks.afterStep) when.push('after every step');
  if (invariant.checks.atQuiescence) when.push('at quiescence');
  if (invariant.checks.onHeap) when.push('on the heap after a full collection');
  return when.join(', ');
}

const code = (text: string) => `\`${text}\``;

/** The router's invariants with the faults each must catch, then the stores' with what each store is expected to do. */
export function invariantsSection(): ReadmeSection {
  const router = Object.values(ROUTER_INVARIANTS as Readonly<Record<string, Invariant<never>>>).map((invariant) => [
    code(invariant.name),
    cell(invariant.promise),
    whenChecked(invariant),
    EXPECTED_CATCHES.filter(([, property]) => property === invariant.name)
      .map(([profile]) => code(profile))
      .join(', ') || 'none',
  ]);
  const stores = Object.values(STORE_INVARIANTS as Readonly<Record<string, Invariant<never>>>).map((invariant) => [
    code(invariant.name),
    cell(invariant.promise),
    whenChecked(invariant),
    STORE_EXPECTATIONS.filter((row) => row.property === invariant.name)
      .map((row) => (row.expect === 'holds' ? `${code(row.store)} holds` : `${code(row.store)} breaks it (${row.why})`))
      .map(cell)
      .join('; '),
  ]);
  return {
    name: 'invariants',
    file: 'docs/invariants.md',
    content: [
      markdownTable([['router invariant', 'promise', 'checked', 'must break under'], ...router]),
      markdownTable([['store invariant', 'promise', 'checked', 'expected'], ...stores]),
    ].join('\n\n'),
  };
}

/** The budgets of the property runs and what a counterexample file may hold. */
export function limitsSection(): ReadmeSection {
  const lines = [
    `\`npm test\` checks each property with ${number(CI_RUNS)} cases and seed ${CI_SEED} (\`NIGHTLY_RUNS\` and \`PROPERTY_SEED\` change them); the self-check gives each fault at least ${number(CATCH_RUNS)}.`,
    `The nightly job asks for up to ${number(NIGHTLY_RUNS_DEFAULT)} cases per property under \`fixed\`, within its time share; a store property gets up to ${number(STORE_CHECK_RUNS)} cases where a finding must show (${STORE_EXPECTATIONS.filter(
      (e) => e.runs !== undefined,
    )
      .map((e) => `${number(e.runs ?? 0)} for ${e.property} against ${e.store}`)
      .join(', ')}).`,
    `A property that held over fewer than ${number(MIN_RUNS_FOR_A_VERDICT)} cases is inconclusive, whether it was cut short or asked for fewer (exit 2).`,
    `Coverage is judged only under \`fixed\` and over at least ${number(MIN_CASES_FOR_COVERAGE)} cases.`,
    `\`freed\` collects once per batch of ${number(HEAP_CHECK_BATCH)} cases; an object counts as kept only if it survives ${SURVIVAL_ROUNDS} full collections in the case run again alone.`,
    `Seeds are whole numbers from ${number(SEED_RANGE.min)} to ${number(SEED_RANGE.max)}, the range fast-check uses as is.`,
    `A counterexample file is at most ${number(MAX_COUNTEREXAMPLE_BYTES)} bytes (${MAX_COUNTEREXAMPLE_BYTES / 1024 / 1024} MiB), checked before it is parsed, with at most ${number(routerSystem.maxSteps)} steps for the router and ${number(storeSystem.maxSteps)} for a store; every number and string in it has a bound in its schema, and the error names the first field past one.`,
  ];
  return { name: 'limits', file: 'docs/invariants.md', content: lines.map((line) => `- ${line}`).join('\n') };
}

export function soakLimitsSection(): ReadmeSection {
  const rows = Object.entries(SOAK_LIMITS).map(([name, limit]) => [
    code(name),
    `${number(limit.limit)} ${limit.unit}`,
    cell(limit.justification),
  ]);
  return {
    name: 'soak-limits',
    file: 'docs/soak.md',
    content: [
      markdownTable([['check', 'at most', 'why'], ...rows]),
      `The heap slope is judged only from ${number(MIN_CYCLES_FOR_SLOPE)} cycles on; a shorter run that breaks no other limit is inconclusive.`,
    ].join('\n\n'),
  };
}

export function benchGatesSection(): ReadmeSection {
  return {
    name: 'bench-gates',
    file: 'docs/benchmarks.md',
    content: markdownTable([
      ['gate', 'threshold, times its baseline'],
      ['a time over the reference workload, in the same rounds', `${REFERENCE_THRESHOLD}`],
      ['growth, t(10N)/t(N)', `${GROWTH_THRESHOLD}`],
      ["the harness's time over the bare system on the same cases", `${OVERHEAD_THRESHOLD}`],
      ['heap bytes per cached session after gc', `${HEAP_THRESHOLD}`],
      ['runtime tasks per synced session', `${TASK_COUNT_THRESHOLD}`],
    ]),
  };
}

interface LayerRule {
  readonly name: string;
  readonly comment: string;
}

export function layersSection(): ReadmeSection {
  const require = createRequire(import.meta.url);
  const config = require('../../../.dependency-cruiser.cjs') as { forbidden: LayerRule[] };
  return {
    name: 'layers',
    file: 'docs/architecture.md',
    content: config.forbidden.map((rule) => `- ${rule.comment} (\`${rule.name}\`)`).join('\n'),
  };
}

/** Every generated block, wherever it lives. */
export async function readmeSections(): Promise<ReadmeSection[]> {
  return [
    await commandsSection(),
    profilesSection(),
    invariantsSection(),
    limitsSection(),
    soakLimitsSection(),
    benchGatesSection(),
    layersSection(),
  ];
}

/** The files that hold generated blocks, each with the blocks it holds, in order. */
export function sectionsByFile(sections: readonly ReadmeSection[]): Map<string, ReadmeSection[]> {
  const byFile = new Map<string, ReadmeSection[]>();
  for (const section of sections) byFile.set(section.file, [...(byFile.get(section.file) ?? []), section]);
  return byFile;
}

export class ReadmeMarkerError extends Error {
  constructor(file: string, name: string) {
    super(
      `${file} has no <!-- ${name}:start --> … <!-- ${name}:end --> block: add the two markers where the block belongs`,
    );
    this.name = 'ReadmeMarkerError';
  }
}

/** A file's text with each of its sections' blocks replaced by their current content. */
export function updateBlocks(file: string, text: string, sections: readonly ReadmeSection[]): string {
  let updated = text;
  for (const section of sections) {
    const start = `<!-- ${section.name}:start -->`;
    const end = `<!-- ${section.name}:end -->`;
    const from = updated.indexOf(start);
    const to = updated.indexOf(end);
    if (from < 0 || to < from) throw new ReadmeMarkerError(file, section.name);
    updated = `${updated.slice(0, from + start.length)}\n\n${section.content}\n\n${updated.slice(to)}`;
  }
  return updated;
}
