/** Options shared by simulate and compare. */
export const RUN_FLAGS = {
  trials: 'number',
  seed: 'string',
  workers: 'number',
  prices: 'string',
  held: 'string',
  memory: 'number',
  help: 'boolean',
} as const;
