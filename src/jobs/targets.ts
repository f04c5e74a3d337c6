import { type FaultProfileName, isFaultProfileName } from '../faults.js';
import { routerSystem } from '../harness/index.js';

/**
 * The fault profile every promise must hold under when none is named: the router system's
 * reference target, so no command or job writes its own default.
 */
export function referenceProfile(): FaultProfileName {
  const name = routerSystem.referenceTarget;
  if (name === undefined || !isFaultProfileName(name)) {
    throw new Error(`the router system's reference target "${name}" is not a fault profile`);
  }
  return name;
}
