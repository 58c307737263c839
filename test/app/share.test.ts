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

  it('decodeShare(link to a 200,000-deep nested value) says the link is damaged, without a stack overflow', async () => {
    const hash = await encodeShareText(
      `{"name": "x", "a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
    );
    await expect(decodeShare(`#${hash}`)).rejects.toThrow(
      // `{` opens level 1 at column 1; the 64th `[` (column 20 + 63) opens level 65.
      'its scenario is not valid JSON (1:83: arrays and objects nested more than 64 deep)',
    );
  });
  it('decodeShare(link to a bare number, string, list or null) says it holds no scenario', async () => {
    for (const [v, said] of [
      [42, 'a number'],
      ['hello', 'a string'],
      [[1], 'a list'],
      [null, 'null'],
    ] as const)
      await expect(decodeShare(`#${await encodeShare(v)}`)).rejects.toThrow(
        `this share link holds ${said}, not a scenario`,
      );
  });
  it('decodeShare(link inflating to more than 4 MB, or longer than 1 M characters) refuses it', async () => {
    await expect(decodeShare(`#${await encodeShareText(' '.repeat(5 << 20))}`)).rejects.toThrow(
      'inflates to more than 4 MB',
    );
    await expect(decodeShare(`#scenario=${'A'.repeat(1 << 20)}`)).rejects.toThrow('too long');
  });
});

/** A share fragment for any text (Node's own deflate, independent of encodeShare). */
async function encodeShareText(text: string): Promise<string> {
  const { deflateRawSync } = await import('node:zlib');
  return `scenario=${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
}
