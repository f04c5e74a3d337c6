import type { FaultProfileName } from '../../src/faults.js';

export interface GroupOptions {
  readonly profile: FaultProfileName;
  readonly rounds: number;
  readonly confirmRounds: number;
}
