import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * tsx's loader as a `file:` URL, resolved from this package rather than from the working
 * folder: an installed copy runs in its user's project, where `--import tsx` could find
 * another tsx, or none.
 */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
