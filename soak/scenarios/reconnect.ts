import { churn, pause, type SoakScenario } from './SoakScenario.js';

function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The channel closes in the middle of a full sync, churn happens while it is down, then it reconnects. */
export const reconnect: SoakScenario = {
  name: 'reconnect',
  description: 'the channel closes mid-sync, sessions change while it is down, and it reconnects (a new full sync)',
  liveSessions: 1_000,
  // Two syncs a cycle (one dropped, one on reconnect) fill the controller's history of 100 in 50 cycles.
  warmUpCycles: 60,
  async cycle(system, cycle) {
    system.controller.startFullSync('soak: before the drop');
    // A few deliveries in: some chunks handled, the rest lost with the connection.
    for (let i = 0; i < 2 + (cycle % 5); i++) await nextTask();
    system.channel.close();
    churn(system, 30);
    await pause(5);
    system.channel.connect();
    churn(system, 10);
    await pause(30);
  },
};
