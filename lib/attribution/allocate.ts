import type { Fraction } from "@/lib/kpi";

/**
 * Splitting one deal's amount to the cent (pure; no database).
 *
 * Rule (largest remainder, deterministic): the deal's amount is rounded half away from zero to
 * cents (T cents); each touch's exact credit in cents c_i = amount × share_i × 100 is cut down
 * to whole cents (toward zero); the R = T − Σ ⌊c_i⌋ cents left over go one each to the touches
 * with the largest cut-off fractions, ties to the earlier touch on the path. So the credits are
 * never negative (for amount ≥ 0), a touch with no share gets nothing, and they add up to the
 * amount to the cent. A negative amount is split as its absolute value, negated.
 */
export function allocateCents(amount: Fraction, shares: readonly Fraction[]): bigint[] {
  if (shares.length === 0) return [];
  const neg = amount.n < 0n;
  const absN = neg ? -amount.n : amount.n;
  const d = amount.d;
  // T = round half away from zero of |amount| × 100
  const total = (absN * 200n + d) / (2n * d);
  const floors: bigint[] = [];
  const rems: { i: number; num: bigint; den: bigint }[] = [];
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i]!;
    const num = absN * 100n * s.n;
    const den = d * s.d;
    const q = num / den;
    floors.push(q);
    rems.push({ i, num: num - q * den, den });
  }
  let left = total - floors.reduce((a, x) => a + x, 0n);
  rems.sort((a, b) => {
    const l = a.num * b.den;
    const r = b.num * a.den;
    if (l !== r) return l > r ? -1 : 1;
    return a.i - b.i;
  });
  for (const r of rems) {
    if (left <= 0n) break;
    if (r.num === 0n) break;
    floors[r.i]! += 1n;
    left -= 1n;
  }
  // Only when the shares do not add up to 1 (never for the models) could cents be left over:
  // they go to the first touch with a share rather than vanish.
  if (left !== 0n) {
    const first = shares.findIndex((s) => s.n !== 0n);
    floors[first < 0 ? 0 : first]! += left;
  }
  return neg ? floors.map((c) => -c) : floors;
}

/** Cents as a JSON number of the currency (2 decimals). */
export function centsToNumber(cents: bigint): number {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const text = `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return Number(text);
}

/** A double as the exact fraction it denotes (for time-decay weights). */
export function fractionOfDouble(x: number): Fraction {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  if (x === 0) return { n: 0n, d: 1n };
  const neg = x < 0;
  let v = Math.abs(x);
  let d = 1n;
  // Scale by 2 until integral (a double has at most 1074 binary places).
  let e = 0;
  while (!Number.isInteger(v) && e < 1100) {
    v *= 2;
    e++;
  }
  d = 1n << BigInt(e);
  const n = BigInt(v);
  return { n: neg ? -n : n, d };
}
