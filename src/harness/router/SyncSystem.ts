import { FAULT_PROFILES, type FaultProfileName } from '../../faults.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { ControlChannel, type Direction } from '../../session/ControlChannel.js';
import { Controller } from '../../session/Controller.js';
import type { WireMessage } from '../../session/messages.js';
import { Router } from '../../session/Router.js';
import type { SyncTiming } from '../../session/SyncTracker.js';

export interface SyncSystemOptions<R extends Runtime> {
  readonly runtime: R;
  readonly profile?: FaultProfileName;
  readonly timing?: Partial<SyncTiming>;
  readonly chunkSize?: number;
  readonly queueCapacity?: number;
  readonly onDeliver?: (direction: Direction, message: WireMessage) => void;
  readonly onConnectionClosed?: (connection: object, label: string) => void;
}

/** A controller and a router joined by a control channel, not yet connected. */
export interface SyncSystem<R extends Runtime> {
  readonly runtime: R;
  readonly profile: FaultProfileName;
  readonly router: Router;
  readonly controller: Controller;
  readonly channel: ControlChannel;
}

export function createSyncSystem<R extends Runtime>(options: SyncSystemOptions<R>): SyncSystem<R> {
  const profile = options.profile ?? 'fixed';
  const router = new Router({
    runtime: options.runtime,
    faults: FAULT_PROFILES[profile],
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.queueCapacity ? { queueCapacity: options.queueCapacity } : {}),
  });
  const controller = new Controller({
    runtime: options.runtime,
    faults: FAULT_PROFILES[profile],
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
  });
  const channel = new ControlChannel(options.runtime, {
    ...(options.onDeliver ? { onDeliver: options.onDeliver } : {}),
    ...(options.onConnectionClosed ? { onConnectionClosed: options.onConnectionClosed } : {}),
  });
  channel.attach(router, controller);
  return { runtime: options.runtime, profile, router, controller, channel };
}
