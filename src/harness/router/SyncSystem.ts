import { FAULT_PROFILES, type FaultProfileName } from '../../faults.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { ControlChannel, type Direction } from '../../session/ControlChannel.js';
import { Controller } from '../../session/Controller.js';
import type { WireMessage } from '../../session/messages.js';
import { Router } from '../../session/Router.js';
import type { SyncTiming } from '../../session/SyncTracker.js';
import type { LifecycleWatcher } from '../engine/lifecycle/LifecycleWatcher.js';

export interface SyncSystemOptions<R extends Runtime> {
  readonly runtime: R;
  readonly profile?: FaultProfileName;
  readonly timing?: Partial<SyncTiming>;
  readonly chunkSize?: number;
  readonly queueCapacity?: number;
  readonly onDeliver?: (direction: Direction, message: WireMessage) => void;
  readonly onConnectionClosed?: (connection: object, label: string) => void;
  /** Watch every object whose life ends, stamped with `at()`: a trace entry, or a soak's cycle. */
  readonly lifecycle?: { readonly watcher: LifecycleWatcher; readonly at: () => number };
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
  const lifecycle = options.lifecycle;
  if (lifecycle !== undefined) {
    router.events.subscribe((event) => {
      if (event.type === 'ended') lifecycle.watcher.watch(event.object, event.kind, event.label, lifecycle.at());
    });
  }
  const onConnectionClosed = options.onConnectionClosed;
  const channel = new ControlChannel(options.runtime, {
    ...(options.onDeliver ? { onDeliver: options.onDeliver } : {}),
    ...(onConnectionClosed || lifecycle
      ? {
          onConnectionClosed: (connection: object, label: string) => {
            lifecycle?.watcher.watch(connection, 'connection', label, lifecycle.at());
            onConnectionClosed?.(connection, label);
          },
        }
      : {}),
  });
  channel.attach(router, controller);
  return { runtime: options.runtime, profile, router, controller, channel };
}
