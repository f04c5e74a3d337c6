/**
 * memlab's retainer trace as a person reads it: `Router.receiveLoop → SyncReceiveLoop.tracker
 * → SyncTracker (15.3 KiB)`. The trace's lines alternate a node (`Name [type, @id, retains N
 * bytes]`) and an edge (`--.name (type)-->`), root first; V8's own roots are left out.
 */
export function readableRetainerPath(lines: readonly string[], maxHops = 4): string {
  const hops: { name: string; via?: string; bytes?: number }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const edge = /^--\.?(.*) \((\w+)\)-->$/.exec(line);
    if (edge) {
      const last = hops.at(-1);
      if (last) last.via = edge[2] === 'element' ? `[${edge[1]}]` : `.${edge[1]}`;
      continue;
    }
    const node = /^(.*?) \[(\w+), @\d+, retains (\d+) bytes\]$/.exec(line);
    if (node) hops.push({ name: node[1] || `(${node[2]})`, bytes: Number(node[3]) });
  }
  const meaningful = hops.filter((hop) => !hop.name.startsWith('(') && hop.name !== 'system / Context');
  if (meaningful.length === 0) return lines.join(' ');
  const shown = meaningful.slice(-maxHops);
  const held = shown.at(-1);
  const path = shown.map((hop, i) => (i < shown.length - 1 ? `${hop.name}${hop.via ?? ''}` : hop.name)).join(' → ');
  const prefix = meaningful.length > shown.length ? '… → ' : '';
  return `${prefix}${path}${held?.bytes !== undefined ? ` (${formatKiB(held.bytes)})` : ''}`;
}

function formatKiB(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
