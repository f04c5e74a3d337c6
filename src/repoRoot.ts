import { fileURLToPath } from 'node:url';

/** The repository root: where `--import tsx` resolves, the commands live and report paths are shown from. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
