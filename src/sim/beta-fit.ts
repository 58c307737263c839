/** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  const y = x - 1;
  let a = c[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** The Beta(a, b) distribution function at x (regularised incomplete beta). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(1 - x, b, a)) / b;
}

/** Beta parameters. */
export interface BetaParams {
  a: number;
  b: number;
}

/**
 * The Beta distribution whose 10th and 90th percentiles are x10 < x90 (both
 * in (0, 1)). Parametrised by mean m and concentration k = a + b: for a given
 * k, the mean that puts the 10th percentile at x10 is found by bisection;
 * then k is bisected until the 90th percentile lands on x90 (a higher k
 * narrows the distribution).
 */
export function fitBetaQuantiles(x10: number, x90: number): BetaParams {
  const meanFor = (k: number): number => {
    // F(x10; m, k) falls as m rises: find F = 0.1.
    let lo = 1e-9;
    let hi = 1 - 1e-9;
    for (let i = 0; i < 100; i++) {
      const m = 0.5 * (lo + hi);
      if (betaCdf(x10, m * k, (1 - m) * k) > 0.1) lo = m;
      else hi = m;
    }
    return 0.5 * (lo + hi);
  };
  let lo = Math.log(1e-2);
  let hi = Math.log(1e6);
  for (let i = 0; i < 80; i++) {
    const k = Math.exp(0.5 * (lo + hi));
    const m = meanFor(k);
    if (betaCdf(x90, m * k, (1 - m) * k) < 0.9) lo = Math.log(k);
    else hi = Math.log(k);
  }
  const k = Math.exp(0.5 * (lo + hi));
  const m = meanFor(k);
  return { a: m * k, b: (1 - m) * k };
}

/** The Beta distribution with mean m and standard deviation sd (sd capped below sqrt(m(1-m))). */
export function betaFromMoments(m: number, sd: number): BetaParams {
  const v = Math.min(sd * sd, 0.95 * m * (1 - m));
  const k = (m * (1 - m)) / v - 1;
  return { a: m * k, b: (1 - m) * k };
}
