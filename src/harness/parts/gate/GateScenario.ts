import { SyncChunkGate } from '../../../session/SyncChunkGate.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { GateModel } from './GateModel.js';

/** The router's chunk gate and its model, fed the same steps; the case's few sync ids. */
export class GateScenario extends PartScenario {
  readonly gate = new SyncChunkGate();
  readonly model = new GateModel();

  constructor(readonly ids: readonly string[]) {
    super();
  }

  /** The case's id at `index`, wrapping: a counterexample may name fewer ids than its steps pick from. */
  idAt(index: number): string {
    const id = this.ids[index % this.ids.length];
    if (id === undefined) throw new Error('a gate case has at least one sync id');
    return id;
  }

  state(): TraceState {
    return Object.fromEntries(this.ids.map((id, index) => [`id${index}`, this.gate.relationOf(id)]));
  }
}
