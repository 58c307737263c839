import { PROGRESS_FLAGS } from './progress.ts';

/** Options shared by simulate and compare. */
export const RUN_FLAGS = {
  ...PROGRESS_FLAGS,
  trials: 'number',
  seed: 'string',
  workers: 'number',
  prices: 'string',
  held: 'string',
  memory: 'number',
  help: 'boolean',
} as const;
