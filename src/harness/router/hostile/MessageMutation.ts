import fc from 'fast-check';
import { z } from 'zod';
import { SyncStateHeader, SyncStrategyHeader, type WireMessage } from '../../../session/messages.js';
import { MAX_SYNC_SEQUENCE } from '../../../session/parseMessage.js';
import { defineHostileProperty, describeHostile, type Hostile } from './Hostile.js';
import { hostileArbitrary } from './hostileArbitrary.js';
import { hostileSchema } from './hostileSchema.js';

export const DROPPABLE_FIELDS = ['contentType', 'headers', 'body', 'header', 'body-field'] as const;
export type DroppableField = (typeof DROPPABLE_FIELDS)[number];

/**
 * Damage to a chunk's sync headers that keeps them strings, so the router's own parsing of
 * the sync state is what meets it: a hostile value rarely gets that far.
 */
export const SYNC_STATE_DAMAGES = [
  'not-json',
  'not-an-object',
  'no-id',
  'empty-id',
  'no-is-last',
  'bad-sequence',
  'other-strategy',
  'no-strategy',
] as const;
export type SyncStateDamage = (typeof SYNC_STATE_DAMAGES)[number];

const NOT_OBJECTS = ['null', '42', '"sync"', '[]'] as const;
const BAD_SEQUENCES: readonly unknown[] = [-1, 1.5, MAX_SYNC_SEQUENCE + 1, '0', null];
const NOT_BOOLEANS: readonly unknown[] = [undefined, 'true', 1, null];

/**
 * Damage to one part of a real message, as data. `pick` chooses among the header
 * names or body fields present (modulo their count). Whether the result is still
 * well-formed is for `isWellFormedMessage` to say: a mutation that leaves a valid
 * message is not damage and is not sent.
 */
export type MessageMutation =
  | { readonly kind: 'content-type'; readonly value: Hostile }
  | { readonly kind: 'headers'; readonly value: Hostile }
  | { readonly kind: 'header-value'; readonly pick: number; readonly value: Hostile }
  | { readonly kind: 'body'; readonly value: Hostile }
  | { readonly kind: 'body-field'; readonly pick: number; readonly value: Hostile }
  | { readonly kind: 'drop'; readonly field: DroppableField; readonly pick: number }
  | { readonly kind: 'sync-state'; readonly damage: SyncStateDamage; readonly pick: number };

const pick = fc.nat({ max: 7 });

export const mutationArbitrary: fc.Arbitrary<MessageMutation> = fc.oneof(
  fc.record({ kind: fc.constant('headers' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('body' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('content-type' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('header-value' as const), pick, value: hostileArbitrary }),
  fc.record({ kind: fc.constant('body-field' as const), pick, value: hostileArbitrary }),
  fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...DROPPABLE_FIELDS), pick }),
  // Weighted: each damage reaches one check of the parser, and chunks are a few of the messages in flight.
  {
    arbitrary: fc.record({
      kind: fc.constant('sync-state' as const),
      damage: fc.constantFrom(...SYNC_STATE_DAMAGES),
      pick,
    }),
    weight: 4,
  },
);

const nat = z.number().int().min(0);
export const mutationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('content-type'), value: hostileSchema }),
  z.object({ kind: z.literal('headers'), value: hostileSchema }),
  z.object({ kind: z.literal('header-value'), pick: nat, value: hostileSchema }),
  z.object({ kind: z.literal('body'), value: hostileSchema }),
  z.object({ kind: z.literal('body-field'), pick: nat, value: hostileSchema }),
  z.object({ kind: z.literal('drop'), field: z.enum(DROPPABLE_FIELDS), pick: nat }),
  z.object({ kind: z.literal('sync-state'), damage: z.enum(SYNC_STATE_DAMAGES), pick: nat }),
]);

/** A damaged copy of `message`; the original, its headers and its body are left as they were. */
export function applyMutation(message: WireMessage, mutation: MessageMutation): unknown {
  const copy: Record<string, unknown> = {
    contentType: message.contentType,
    headers: message.headers,
    body: message.body,
  };
  switch (mutation.kind) {
    case 'content-type':
      defineHostileProperty(copy, 'contentType', mutation.value);
      return copy;
    case 'headers':
      defineHostileProperty(copy, 'headers', mutation.value);
      return copy;
    case 'body':
      defineHostileProperty(copy, 'body', mutation.value);
      return copy;
    case 'header-value': {
      const headers: Record<string, unknown> = { ...message.headers };
      defineHostileProperty(headers, pickKey(headers, mutation.pick) ?? SyncStateHeader, mutation.value);
      copy.headers = headers;
      return copy;
    }
    case 'body-field': {
      const body = bodyCopy(message);
      defineHostileProperty(body, pickKey(body, mutation.pick) ?? 'apiSessions', mutation.value);
      copy.body = body;
      return copy;
    }
    case 'drop':
      return dropField(copy, message, mutation.field, mutation.pick);
    case 'sync-state':
      copy.headers = damagedSyncHeaders(message.headers, mutation.damage, mutation.pick);
      return copy;
  }
}

/** The sync headers of a copy of `headers`, damaged; a message without a sync state gets a damaged one. */
function damagedSyncHeaders(
  headers: Readonly<Record<string, string>>,
  damage: SyncStateDamage,
  pick: number,
): Record<string, string> {
  const copy: Record<string, string> = { ...headers };
  const state = syncStateOf(copy[SyncStateHeader]);
  const put = (fields: Record<string, unknown>) => {
    copy[SyncStateHeader] = JSON.stringify(fields);
  };
  switch (damage) {
    case 'not-json':
      copy[SyncStateHeader] = JSON.stringify(state).slice(0, -1 - (pick % 3));
      break;
    case 'not-an-object':
      copy[SyncStateHeader] = NOT_OBJECTS[pick % NOT_OBJECTS.length] as string;
      break;
    case 'no-id': {
      const { id: _id, ...rest } = state;
      put(rest);
      break;
    }
    case 'empty-id':
      put({ ...state, id: '' });
      break;
    case 'no-is-last':
      put({ ...state, isLast: NOT_BOOLEANS[pick % NOT_BOOLEANS.length] });
      break;
    case 'bad-sequence':
      put({ ...state, sequence: BAD_SEQUENCES[pick % BAD_SEQUENCES.length] });
      break;
    case 'other-strategy':
      copy[SyncStateHeader] = JSON.stringify(state);
      copy[SyncStrategyHeader] = pick % 2 === 0 ? 'eventual' : '';
      break;
    case 'no-strategy':
      copy[SyncStateHeader] = JSON.stringify(state);
      delete copy[SyncStrategyHeader];
      break;
  }
  return copy;
}

function syncStateOf(raw: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Not a chunk, or not legible: damage a plausible state instead.
  }
  return { id: 'sync-000000000001', sequence: 0, isLast: false };
}

function dropField(
  copy: Record<string, unknown>,
  message: WireMessage,
  field: DroppableField,
  pick: number,
): Record<string, unknown> {
  switch (field) {
    case 'contentType':
    case 'headers':
    case 'body':
      delete copy[field];
      return copy;
    case 'header': {
      const headers: Record<string, unknown> = { ...message.headers };
      const key = pickKey(headers, pick);
      if (key !== undefined) delete headers[key];
      copy.headers = headers;
      return copy;
    }
    case 'body-field': {
      const body = bodyCopy(message);
      const key = pickKey(body, pick);
      if (key !== undefined) delete body[key];
      copy.body = body;
      return copy;
    }
  }
}

/** Real messages have object bodies; anything else is replaced by an empty one. */
function bodyCopy(message: WireMessage): Record<string, unknown> {
  const body = message.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
}

function pickKey(object: Record<string, unknown>, pick: number): string | undefined {
  const keys = Object.keys(object);
  return keys.length === 0 ? undefined : keys[pick % keys.length];
}

export function describeMutation(mutation: MessageMutation): string {
  switch (mutation.kind) {
    case 'content-type':
      return `contentType := ${describeHostile(mutation.value)}`;
    case 'headers':
      return `headers := ${describeHostile(mutation.value)}`;
    case 'body':
      return `body := ${describeHostile(mutation.value)}`;
    case 'header-value':
      return `header #${mutation.pick} := ${describeHostile(mutation.value)}`;
    case 'body-field':
      return `body field #${mutation.pick} := ${describeHostile(mutation.value)}`;
    case 'drop':
      return mutation.field === 'header' || mutation.field === 'body-field'
        ? `drop ${mutation.field} #${mutation.pick}`
        : `drop ${mutation.field}`;
    case 'sync-state':
      return `sync state ${mutation.damage} (#${mutation.pick})`;
  }
}
