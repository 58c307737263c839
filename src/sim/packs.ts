function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Totals that can be bought with the allowed pack sizes (any number of each):
 * the smallest at or above an amount, and the fewest packs that make it.
 */
export class PackSizes {
  readonly sizes: readonly number[];
  private readonly unit: number;
  /** fewest[k]: fewest packs totalling k * unit tokens (Infinity when impossible), grown on demand. */
  private fewest: Int32Array = Int32Array.of(0);

  constructor(sizes: readonly number[]) {
    if (sizes.length === 0 || sizes.some((s) => !(Number.isInteger(s) && s > 0)))
      throw new RangeError(`pack sizes must be positive integers, got ${sizes.join(', ')}`);
    this.sizes = [...sizes].sort((a, b) => a - b);
    this.unit = this.sizes.reduce(gcd);
  }

  private grow(k: number): void {
    if (k < this.fewest.length) return;
    const n = Math.max(k + 1, this.fewest.length * 2);
    const f = new Int32Array(n).fill(0x7fffffff);
    f.set(this.fewest);
    const steps = this.sizes.map((s) => s / this.unit);
    for (let i = this.fewest.length; i < n; i++)
      for (const s of steps)
        if (i >= s && (f[i - s] as number) + 1 < (f[i] as number)) f[i] = (f[i - s] as number) + 1;
    this.fewest = f;
  }

  /** The smallest total of whole packs that is >= amount (0 for amount <= 0). */
  atLeast(amount: number): number {
    if (!(amount > 0)) return 0;
    let k = Math.ceil(amount / this.unit - 1e-9);
    for (;;) {
      this.grow(k);
      if ((this.fewest[k] as number) < 0x7fffffff) return k * this.unit;
      k++;
    }
  }

  /** The fewest packs making `total` (largest first), or null when it cannot be made. */
  packs(total: number): number[] | null {
    if (total === 0) return [];
    const k = total / this.unit;
    if (!Number.isInteger(k) || k < 0) return null;
    this.grow(k);
    if ((this.fewest[k] as number) >= 0x7fffffff) return null;
    const out: number[] = [];
    let i = k;
    while (i > 0) {
      for (let j = this.sizes.length - 1; j >= 0; j--) {
        const s = (this.sizes[j] as number) / this.unit;
        if (i >= s && (this.fewest[i - s] as number) === (this.fewest[i] as number) - 1) {
          out.push(this.sizes[j] as number);
          i -= s;
          break;
        }
      }
    }
    return out;
  }

  /** The fewest packs making `total` as sizes with their counts, largest first (none when it cannot be made). */
  counts(total: number): { size: number; count: number }[] {
    const out: { size: number; count: number }[] = [];
    for (const size of this.packs(total) ?? []) {
      const last = out[out.length - 1];
      if (last && last.size === size) last.count++;
      else out.push({ size, count: 1 });
    }
    return out;
  }
}
