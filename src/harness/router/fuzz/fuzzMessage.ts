import type { Controller } from '../../../session/Controller.js';
import {
  type ApiSession,
  fullSyncChunk,
  liveAdd,
  sessionsRemoved,
  sessionsUpdated,
  type WireMessage,
} from '../../../session/messages.js';
import { decodeHostile, describeHostile } from '../hostile/Hostile.js';
import { applyMutation, describeMutation } from '../hostile/MessageMutation.js';
import type { FuzzCase, Template } from './FuzzCase.js';

/** A session the controller never made: a damaged live add that got through would cache it. */
const STRANGER: ApiSession = {
  id: 'as-999999999999',
  token: 'token-fuzz',
  identityId: 'identity-fuzz',
  certFingerprints: ['fp-fuzz'],
};

/**
 * A real message the controller could send now. The chunk and the legacy sync carry
 * every live session, so, applied, they would change nothing: any change after a
 * damaged copy is the damage getting through.
 */
export function messageTemplate(template: Template, controller: Controller): WireMessage {
  const live = controller.liveSessions();
  const first = live[0] ?? STRANGER;
  const latest = controller.syncHistory().at(-1)?.syncId ?? 'sync-000000000000';
  const chunk = fullSyncChunk({ id: `${latest}~fuzz`, isLast: true, sequence: 0 }, live);
  switch (template) {
    case 'full-state-chunk':
      return chunk;
    case 'legacy-sync':
      return { ...chunk, headers: {} };
    case 'live-add':
      return liveAdd({ id: 'live-fuzz', isLast: true, sequence: 0 }, [STRANGER]);
    case 'update':
      return sessionsUpdated([{ ...first, certFingerprints: ['fp-rotated'] }]);
    case 'removal':
      return sessionsRemoved([first]);
  }
}

/** Builds the message of `fuzzCase`; a fresh value each call, since reading one may run its getters. */
export function buildFuzzMessage(fuzzCase: FuzzCase, controller: Controller): unknown {
  switch (fuzzCase.source) {
    case 'hostile':
      return decodeHostile(fuzzCase.message);
    case 'json':
      return fuzzCase.message;
    case 'mutation':
      return applyMutation(messageTemplate(fuzzCase.template, controller), fuzzCase.mutation);
  }
}

const LIMIT = 160;

export function describeFuzzCase(fuzzCase: FuzzCase): string {
  const where = fuzzCase.midSync ? ' (mid-sync)' : '';
  switch (fuzzCase.source) {
    case 'hostile':
      return `hostile ${describeHostile(fuzzCase.message)}${where}`;
    case 'json': {
      const text = JSON.stringify(fuzzCase.message) ?? 'undefined';
      return `json ${text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text}${where}`;
    }
    case 'mutation':
      return `${fuzzCase.template} with ${describeMutation(fuzzCase.mutation)}${where}`;
  }
}
