import type { Simulator } from './simulator.ts';

export interface SimulatorOptions {
  onCrash?: (error: Error) => void;
}

/** Placeholder until workers/sim.worker.ts lands. */
export function createSimulator(_options: SimulatorOptions = {}): Simulator {
  return {
    run: () => Promise.reject(new Error('The simulator is not available in this build yet.')),
    close: () => {},
  };
}
