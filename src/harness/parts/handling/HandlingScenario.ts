import { FAULT_PROFILES } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { WireMessage } from '../../../session/messages.js';
import { Router } from '../../../session/Router.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { HandlingModel, type ModelledMessage } from './HandlingModel.js';

/** What tells a message's handling task from the receive loop's: its label's first word. */
const HANDLING_TASK = 'handle ';

/**
 * A router whose messages the case delivers, handled at once or (out of order) each in its
 * own task that the case runs in any order, across closes and opens of the connection;
 * the receive loop's tasks never run. Beside it, its model.
 */
export class HandlingScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly router: Router;
  readonly model: HandlingModel;
  private serial = 0;

  constructor(readonly outOfOrder: boolean) {
    super();
    this.router = new Router({
      runtime: this.runtime,
      faults: { ...FAULT_PROFILES.fixed, messagesHandledOutOfOrder: outOfOrder },
    });
    this.router.connected({ send: () => undefined });
    this.model = new HandlingModel(outOfOrder);
  }

  /** A fresh sync id, later than every one before it. */
  nextSyncId(): string {
    this.serial++;
    return `sync-${String(this.serial).padStart(3, '0')}`;
  }

  deliver(wire: WireMessage, modelled: ModelledMessage): void {
    this.router.receive(wire);
    this.model.receive(modelled);
  }

  /** The handling tasks waiting, as indexes into what the runtime may run. */
  handlingTasks(): number[] {
    return this.runtime
      .runnable()
      .flatMap((work, index) => (work.kind === 'task' && work.label.startsWith(HANDLING_TASK) ? [index] : []));
  }

  state(): TraceState {
    return {
      cached: this.router.state
        .allSessions()
        .map((session) => `${session.token}:${session.id}`)
        .join(' '),
      flag: this.router.state.syncInProgressId(),
      waiting: this.handlingTasks().length,
    };
  }
}
