export { RealRuntime } from './RealRuntime.js';
export { labelText, type Runtime, type TaskLabel, type TimerHandle } from './Runtime.js';
export { NothingRunnableError, type PendingWork, TimeTravelError, VirtualRuntime } from './VirtualRuntime.js';
