export { RealRuntime } from './RealRuntime.js';
export type { Runtime, TimerHandle } from './Runtime.js';
export { NothingRunnableError, type PendingWork, TimeTravelError, VirtualRuntime } from './VirtualRuntime.js';
