import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../src/app/model/share.ts';

describe('share links', () => {
  it('decodeShare(encodeShare(scenario)) gives the scenario back', async () => {
    const scenario = {
      name: 'Small firm <b>',
      seed: 'abc',
      trials: 1000,
      population: { archetypes: [{ name: 'x', count: 12 }] },
    };
    const hash = await encodeShare(scenario);
    expect(hash).toMatch(/^scenario=[A-Za-z0-9_-]+$/);
    await expect(decodeShare(`#${hash}`)).resolves.toEqual(scenario);
  });
  it('decodeShare(hash) is null without a scenario and says when a link is damaged', async () => {
    await expect(decodeShare('#other=1')).resolves.toBeNull();
    await expect(decodeShare('#scenario=AAAA')).rejects.toThrow('share link is damaged');
  });
});
