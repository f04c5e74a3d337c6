import type { ApiSession } from '../../src/session/messages.js';

/** 1000 → "1k", 1000000 → "1M": the size part of a figure's name. */
export function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`;
}

/** Sessions with ids that sort in creation order, as the controller makes them. */
export function apiSessions(n: number): ApiSession[] {
  return Array.from({ length: n }, (_, i) => ({
    id: sessionId(i + 1),
    token: `token-${i + 1}`,
    identityId: 'identity-1',
    certFingerprints: [],
  }));
}

export function sessionId(ordinal: number): string {
  return `as-${String(ordinal).padStart(12, '0')}`;
}
