/**
 * A number typed by the user: a number when it reads as one, else the text
 * itself, so the scenario check reports it with its path instead of the page
 * dropping it silently.
 */
export function numberOrText(value: string): number | string {
  const t = value.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}
