import { FAULT_PROFILES, type FaultFlags } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import { Controller } from '../../../session/Controller.js';
import type { WireMessage } from '../../../session/messages.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { ControllerModel, type Sent } from './ControllerModel.js';

/** `default`: the option left out, so the controller's own default (100, or `fixed`) applies. */
export interface ControllerCaseParams {
  readonly chunkSize: number | 'default';
  readonly faults: 'default' | 'fixed' | 'no-last-chunk';
}

/** The controller the model runs, beside its model; what it sent, on which uplink. */
export class ControllerScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly controller: Controller;
  readonly faults: FaultFlags;
  readonly model: ControllerModel;
  /** Sent during the step being judged. */
  readonly sent: Sent[] = [];
  /** Every message sent in the case, for the history's check at the end. */
  readonly everSent: WireMessage[] = [];
  /** Uplinks handed to the controller so far. */
  uplinks = 0;

  constructor(params: ControllerCaseParams) {
    super();
    this.controller = new Controller({
      runtime: this.runtime,
      ...(params.chunkSize === 'default' ? {} : { chunkSize: params.chunkSize }),
      ...(params.faults === 'default' ? {} : { faults: FAULT_PROFILES[params.faults] }),
    });
    this.faults = params.faults === 'default' ? FAULT_PROFILES.fixed : FAULT_PROFILES[params.faults];
    this.model = new ControllerModel(params.chunkSize === 'default' ? 100 : params.chunkSize, this.faults);
  }

  /** Each step is judged on what it alone made the controller send. */
  override beginEntry(): void {
    this.sent.length = 0;
    this.model.expectedSent.length = 0;
  }

  /** Hands the controller a new uplink, numbered from 1. */
  connect(): void {
    const uplink = ++this.uplinks;
    this.controller.connected({
      send: (message) => {
        this.sent.push({ uplink, message });
        this.everSent.push(message);
      },
    });
  }

  state(): TraceState {
    return {
      live: this.controller.liveSessionCount(),
      streaming: this.controller.isStreaming(),
      syncs: this.controller.fullSyncsBegun(),
      tasks: this.runtime.runnableCount(),
    };
  }
}
