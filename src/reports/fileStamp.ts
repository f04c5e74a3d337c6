/** A UTC time that sorts as text and is safe in a file name on every system: 2026-11-24T23-46-06Z. */
export function fileStamp(date: Date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}
