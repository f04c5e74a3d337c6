import type { Counterexample } from './engine/counterexample/CounterexampleFile.js';
import { readCounterexample } from './engine/counterexample/CounterexampleFile.js';
import type { AnyModelSystem } from './engine/ModelSystem.js';
import { cacheSystem } from './parts/cache/CacheSystem.js';
import { channelSystem } from './parts/channel/ChannelSystem.js';
import { controllerSystem } from './parts/controller/ControllerSystem.js';
import { eventsSystem } from './parts/events/EventsSystem.js';
import { gateSystem } from './parts/gate/GateSystem.js';
import { handlingSystem } from './parts/handling/HandlingSystem.js';
import { loopSystem } from './parts/loop/LoopSystem.js';
import { queueSystem } from './parts/queue/QueueSystem.js';
import { timedLoopSystem } from './parts/timedLoop/TimedLoopSystem.js';
import { trackerSystem } from './parts/tracker/TrackerSystem.js';
import { routerSystem } from './router/RouterSystem.js';
import { storeSystem } from './store/StoreSystem.js';

/** Every system the engine can drive, by the name counterexample files and commands use. */
export const SYSTEMS: Readonly<Record<string, AnyModelSystem>> = {
  router: routerSystem,
  store: storeSystem,
  gate: gateSystem,
  cache: cacheSystem,
  queue: queueSystem,
  loop: loopSystem,
  'timed-loop': timedLoopSystem,
  tracker: trackerSystem,
  channel: channelSystem,
  controller: controllerSystem,
  events: eventsSystem,
  handling: handlingSystem,
};

export function systemNamed(name: string): AnyModelSystem | undefined {
  return Object.hasOwn(SYSTEMS, name) ? SYSTEMS[name] : undefined;
}

/** Reads and checks a counterexample file of any system; the error names the first bad field. */
export function readCounterexampleFile(file: string): { counterexample: Counterexample; system: AnyModelSystem } {
  const counterexample = readCounterexample(file, systemNamed);
  const system = systemNamed(counterexample.system) as AnyModelSystem;
  return { counterexample, system };
}
