import { createRequire } from 'node:module';
import { markdownTable } from 'markdown-table';
import { FAULT_PROFILE_NAMES, PROFILE_DESCRIPTIONS } from '../../faults.js';
import { COMMANDS } from '../commands/index.js';
import { commandProgram } from '../framework/runCommand.js';

/**
 * The parts of the README that are declared elsewhere once: the commands (from their
 * option declarations), the fault profiles, and the layers (from the dependency rules
 * `npm test` checks). `npm run docs` writes them; a test fails when the README lags.
 */
export interface ReadmeSection {
  readonly name: string;
  readonly content: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function commandsSection(): ReadmeSection {
  const rows = COMMANDS.map((command) => {
    const program = commandProgram(command);
    const flags = program.options
      .filter((option) => option.long !== '--help')
      .map((option) => `\`${option.flags}\``)
      .join(' ');
    const args = command.arguments ? ` \`${command.arguments}\`` : '';
    const exits = Object.entries(command.exitCodes)
      .map(([code, meaning]) => `${code} ${meaning.split(/[;,(:]/)[0]?.trim()}`)
      .join('; ');
    return [`\`${command.invocation}\`${args} ${flags}`.trim(), command.summary, exits].map(cell);
  });
  return {
    name: 'commands',
    content: markdownTable([['command', 'what it does', 'exit codes'], ...rows]),
  };
}

export function profilesSection(): ReadmeSection {
  return {
    name: 'profiles',
    content: markdownTable([
      ['profile', 'what is wrong'],
      ...FAULT_PROFILE_NAMES.map((name) => [`\`${name}\``, cell(PROFILE_DESCRIPTIONS[name])]),
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
    content: config.forbidden.map((rule) => `- ${rule.comment} (\`${rule.name}\`)`).join('\n'),
  };
}

export function readmeSections(): ReadmeSection[] {
  return [commandsSection(), profilesSection(), layersSection()];
}

export class ReadmeMarkerError extends Error {
  constructor(name: string) {
    super(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
    this.name = 'ReadmeMarkerError';
  }
}

/** The README with each section's block replaced by its current content. */
export function updateReadme(readme: string, sections: readonly ReadmeSection[]): string {
  let text = readme;
  for (const section of sections) {
    const start = `<!-- ${section.name}:start -->`;
    const end = `<!-- ${section.name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new ReadmeMarkerError(section.name);
    text = `${text.slice(0, from + start.length)}\n\n${section.content}\n\n${text.slice(to)}`;
  }
  return text;
}
