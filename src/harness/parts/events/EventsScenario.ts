import { type RouterEvent, RouterEvents } from '../../../session/RouterEvents.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { type ListenerModel, listenerModel } from './ListenerModel.js';

/** The router's event stream and the listeners a case subscribed to it, each with its model. */
export class EventsScenario extends PartScenario {
  readonly events = new RouterEvents();
  readonly listeners: ListenerModel[] = [];
  private emitted = 0;

  subscribe(): void {
    const listener = listenerModel();
    listener.stop = this.events.subscribe((event) => listener.heard.push(event));
    this.listeners.push(listener);
  }

  /** Tells the stream one event, as `emit` or as an object's end; every active listener must hear it. */
  tell(how: 'emit' | 'ended'): void {
    const serial = ++this.emitted;
    let event: RouterEvent;
    if (how === 'emit') {
      event = { type: 'sync-started', syncId: `sync-${serial}`, serial };
      this.events.emit(event);
    } else {
      event = { type: 'ended', kind: 'chunk', object: [serial], label: `chunk ${serial}` };
      this.events.ended(event.kind, event.object, event.label);
    }
    for (const listener of this.listeners) if (listener.active) listener.expected.push(event);
  }

  state(): TraceState {
    return {
      listening: this.listeners.filter((listener) => listener.active).length,
      observed: this.events.observed,
    };
  }
}
