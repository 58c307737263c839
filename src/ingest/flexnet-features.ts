/**
 * What the feature names of a FlexNet log say: `85730ACD_2012_0F` is a
 * versioned product (five digits, the product line code, the year),
 * `64300ACD_F` a package (perpetual, multi-user or collection); the product
 * comes from the product line code.
 */
import { StringTable } from '../engine/sessions.ts';
import type { LineTally } from './problems.ts';
import { PRODUCT_LINE_CODES } from './product-lines.ts';

/** `85730ACD_2012_0F`: five digits, the product line code, the year. */
const VERSIONED = /^(\d{5})([A-Za-z0-9]+)_(\d{4})_[0-9A-Za-z]*F$/;
/** `64300ACD_F`, `86815AECCOL_T_F`: a package (perpetual, multi-user or collection). */
const PACKAGE = /^(\d{5})([A-Za-z0-9]+?)(?:_T)?_F$/;

/** What a feature name says: a versioned product, a package, or something else. */
export interface Feature {
  kind: 'versioned' | 'package' | 'other';
  product: string;
  version: string;
  code: string;
}

/** The features named in one log, by their index in `names`, each read once. */
export class FeatureTable {
  /** Feature names; the parser interns them here (as text or from bytes). */
  readonly names = new StringTable();
  private readonly read: (Feature | undefined)[] = [];
  /** Product line codes not in the table, with the first feature and line that named each. */
  private readonly unknownCodes = new Map<string, { name: string; line: number }>();

  /** `productCodes`: product line code -> product name, over the shipped table. */
  constructor(private readonly productCodes: Readonly<Record<string, string>>) {}

  /** Feature `id` (an index in `names`), first met on line `line`. */
  at(id: number, line: number): Feature {
    const known = this.read[id];
    if (known) return known;
    const name = this.names.values[id] as string;
    const v = VERSIONED.exec(name);
    const p = v ? null : PACKAGE.exec(name);
    const code = ((v ?? p)?.[2] ?? '').toUpperCase();
    const product =
      code === '' ? name : (this.productCodes[code] ?? PRODUCT_LINE_CODES[code] ?? code);
    if (code !== '' && product === code && !this.unknownCodes.has(code))
      this.unknownCodes.set(code, { name, line });
    const f: Feature = {
      kind: v ? 'versioned' : p ? 'package' : 'other',
      product,
      version: v ? (v[3] as string) : '',
      code,
    };
    this.read[id] = f;
    return f;
  }

  /**
   * Names the product line codes the table lacks, but only those that name
   * a session (`products`: the products of the sessions): a package feature
   * (a collection such as AECCOL) merged into the session of the product
   * launched names none, so it is not warned about.
   */
  warnUnknownCodes(tally: LineTally, products: ReadonlySet<string>): void {
    for (const [code, { name, line }] of this.unknownCodes)
      if (products.has(code))
        tally.warn(
          line,
          'unknown-product-code',
          `product line code ${code} (feature ${name}) is not in the product code table: sessions are named ${code}; add "${code}<TAB>Product name" with --product-codes`,
          { text: name },
        );
  }

  /** Whether any product line code was not in the table. */
  get anyUnknown(): boolean {
    return this.unknownCodes.size > 0;
  }
}
