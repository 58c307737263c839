import { StringTable } from '../engine/sessions.ts';
import { Float64Column, Int32Column } from './growable.ts';
import type { DailyUsage } from './types.ts';

/** The pseudo-user of team-level exports that name no user. */
export const TEAM_USER = '(team)';

/** Appends daily usage rows into growing columns; `finish()` returns them trimmed. */
export class DailyBuilder {
  readonly users = new StringTable();
  readonly products = new StringTable();
  private readonly user = new Int32Column();
  private readonly product = new Int32Column();
  private readonly day = new Int32Column();
  private readonly days = new Float64Column();
  private readonly tokens = new Float64Column();

  get count(): number {
    return this.user.length;
  }

  add(user: string, product: string, day: number, days: number, tokens: number): number {
    const i = this.user.length;
    this.user.push(this.users.intern(user));
    this.product.push(this.products.intern(product));
    this.day.push(day);
    this.days.push(days);
    this.tokens.push(tokens);
    return i;
  }

  finish(): DailyUsage {
    return {
      count: this.user.length,
      user: this.user.finish(),
      product: this.product.finish(),
      day: this.day.finish(),
      days: this.days.finish(),
      tokens: this.tokens.finish(),
      users: this.users.values.slice(),
      products: this.products.values.slice(),
    };
  }
}

/** Daily rows from plain values (tests and small inputs). */
export function dailyFrom(
  rows: readonly { user: string; product: string; day: number; days: number; tokens: number }[],
): DailyUsage {
  const b = new DailyBuilder();
  for (const r of rows) b.add(r.user, r.product, r.day, r.days, r.tokens);
  return b.finish();
}
