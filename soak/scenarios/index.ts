import { reconnect } from './reconnect.js';
import { resyncStorm } from './resyncStorm.js';
import type { SoakScenario } from './SoakScenario.js';
import { steady } from './steady.js';

export const SOAK_SCENARIOS: Readonly<Record<string, SoakScenario>> = {
  steady,
  'resync-storm': resyncStorm,
  reconnect,
};

export const SOAK_SCENARIO_NAMES = Object.keys(SOAK_SCENARIOS);
