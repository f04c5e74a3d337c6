import fc from 'fast-check';
import { z } from 'zod';
import { SyncStateHeader, type WireMessage } from '../../../session/messages.js';
import { defineHostileProperty, describeHostile, type Hostile } from './Hostile.js';
import { hostileArbitrary } from './hostileArbitrary.js';
import { hostileSchema } from './hostileSchema.js';

export const DROPPABLE_FIELDS = ['contentType', 'headers', 'body', 'header', 'body-field'] as const;
export type DroppableField = (typeof DROPPABLE_FIELDS)[number];

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
  | { readonly kind: 'drop'; readonly field: DroppableField; readonly pick: number };

const pick = fc.nat({ max: 7 });

export const mutationArbitrary: fc.Arbitrary<MessageMutation> = fc.oneof(
  fc.record({ kind: fc.constant('headers' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('body' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('content-type' as const), value: hostileArbitrary }),
  fc.record({ kind: fc.constant('header-value' as const), pick, value: hostileArbitrary }),
  fc.record({ kind: fc.constant('body-field' as const), pick, value: hostileArbitrary }),
  fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...DROPPABLE_FIELDS), pick }),
);

const nat = z.number().int().min(0);
export const mutationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('content-type'), value: hostileSchema }),
  z.object({ kind: z.literal('headers'), value: hostileSchema }),
  z.object({ kind: z.literal('header-value'), pick: nat, value: hostileSchema }),
  z.object({ kind: z.literal('body'), value: hostileSchema }),
  z.object({ kind: z.literal('body-field'), pick: nat, value: hostileSchema }),
  z.object({ kind: z.literal('drop'), field: z.enum(DROPPABLE_FIELDS), pick: nat }),
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
  }
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
  }
}
