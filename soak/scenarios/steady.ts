import { churn, pause, type SoakScenario } from './SoakScenario.js';

/** Live churn after the connection's full sync: the situation in which the January 2025 leak grew. */
export const steady: SoakScenario = {
  name: 'steady',
  description: 'live adds, updates and removals after the full sync of the connection, no further sync',
  liveSessions: 1_000,
  // Two turnovers of the 1,000 live sessions at 50 a cycle.
  warmUpCycles: 40,
  async cycle(system) {
    churn(system, 50);
    await pause(25);
  },
};
