import type { SoakReport } from '../../src/reports/SoakReport.js';

type Footprint = NonNullable<SoakReport['footprint']>;

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** "a 16-character string kept per sync, one in 4, in a Map": what the soak planted. */
export function plantedInWords(planted: NonNullable<SoakReport['plantedLeak']>): string {
  const every = planted.every ?? 1;
  const held = (planted.shape ?? 'map') === 'map' ? 'in a Map' : 'in a chain of linked records';
  return `a ${planted.bytes}-character string kept per ${planted.per}${every > 1 ? `, one in ${every}` : ''}, ${held}`;
}

/** The router's footprint section of report.md: the series, what grew and where, memlab's findings. */
export function footprintMarkdown(footprint: Footprint, planted: SoakReport['plantedLeak']): string[] {
  const lines = ['## The router’s own footprint (each snapshot at quiescence)', ''];
  if (planted) lines.push(`A leak was planted on purpose: ${plantedInWords(planted)}.`, '');
  if (footprint.unreadable !== undefined) lines.push(`Not read: ${cell(footprint.unreadable)}.`, '');
  lines.push(
    '| snapshot | cycle | bytes the router alone keeps | objects | memlab retained size |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...footprint.series.map(
      (s) => `| ${cell(s.label)} | ${s.cycle} | ${s.reachableBytes} | ${s.reachableObjects} | ${s.retainedBytes} |`,
    ),
    '',
    `Growth ${Math.round(footprint.slopeBytesPerCycle)} bytes per cycle (Theil-Sen over the series), at least ${Math.round(footprint.leastStepBytesPerCycle)} at every step.` +
      (footprint.grewMost
        ? ` Most of the ${footprint.grewMost.ofBytes} bytes gained is under \`${cell(footprint.grewMost.path)}\` (${footprint.grewMost.bytes} bytes).`
        : ''),
    '',
  );
  if (footprint.growingCollections.length > 0) {
    lines.push('Collections of the router that grew at every step:', '');
    for (const c of footprint.growingCollections)
      lines.push(`- \`${cell(c.path)}\` (${c.kind}): ${c.entries.join(' → ')} entries`);
    lines.push('');
  }
  const found = (name: string, list: Footprint['memlab']['collections'], unit: string) => {
    lines.push(`memlab's ${name}: ${list.length === 0 ? 'nothing.' : ''}`, '');
    for (const f of list.slice(0, 8)) {
      lines.push(
        `- ${cell(f.name)} @${f.id}: ${f.history.join(' → ')} ${unit}; ${f.path ? `\`${cell(f.path)}\`` : 'not the router’s'}`,
      );
    }
    if (list.length > 0) lines.push('');
  };
  found('unbound-collection (Maps and Sets whose size changed)', footprint.memlab.collections, 'entries');
  found(
    'unbound-object (objects whose retained size changed, ending at 10 KiB or more)',
    footprint.memlab.objects,
    'bytes',
  );
  lines.push(
    `memlab's unbound-shape (shapes that only grew, to 1,000 or more): ${footprint.memlab.shapes.length === 0 ? 'nothing.' : ''}`,
    '',
  );
  for (const s of footprint.memlab.shapes.slice(0, 8)) lines.push(`- ${cell(s.shape)}: ${s.counts.join(' → ')}`);
  if (footprint.memlab.shapes.length > 0) lines.push('');
  return lines;
}
