import { createRequire } from 'node:module';
import type { SessionData } from './CallbackStore.js';

interface ExpressSessionCookie {
  readonly expires: Date | null;
  readonly maxAge: number | null;
  readonly originalMaxAge: number | null;
}

const require = createRequire(import.meta.url);
const { Cookie } = require('express-session') as {
  Cookie: new (options: { maxAge: number }) => ExpressSessionCookie;
};

/**
 * A session as express-session hands it to a store: the fields plus express-session's
 * own `Cookie`, whose `expires` is `Date.now() + maxAgeMs` and whose `maxAge` getter
 * counts down from it (memorystore derives its TTL from that getter, connect-redis
 * from `expires`), and which serializes through its `toJSON`.
 */
export function sessionWithCookie(fields: Readonly<Record<string, unknown>>, maxAgeMs: number): SessionData {
  return { cookie: new Cookie({ maxAge: maxAgeMs }), ...fields };
}
