// Child process: measures one group and prints its samples as one line of JSON.
// A process per measurement: no group inherits another's compiled code or heap, and a
// re-measurement does not inherit the first one's.
import { isFaultProfileName } from '../src/faults.js';
import { createGroup, isGroupName } from './groups.js';

const [group, profile, mode, rounds] = process.argv.slice(2);
if (group === undefined || !isGroupName(group)) throw new Error(`unknown group "${group}"`);
if (profile === undefined || !isFaultProfileName(profile)) throw new Error(`unknown fault profile "${profile}"`);
const samples = await createGroup(group, { quick: mode === 'quick', profile }).measure(Number(rounds));
process.stdout.write(`${JSON.stringify(samples)}\n`);
