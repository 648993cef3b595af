/**
 * Exact rational arithmetic on BigInt for deriving money figures from the exact `numeric` sums
 * PostgreSQL returns as strings. Money is never squeezed through a float before it is rounded:
 * derivations (averages, velocity, lifetime value) are done on fractions and rounded half away
 * from zero to cents only at output (kpi-definitions.md §1).
 */
export interface Fraction {
  /** numerator (carries the sign) */
  n: bigint;
  /** denominator, always > 0 */
  d: bigint;
}

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string as PostgreSQL prints `numeric` ("123.4500", "-0.5", "1e3"). */
export function fromDecimal(text: string): Fraction {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`not a decimal number: ${text}`);
  const sign = m[1] === "-" ? -1n : 1n;
  const whole = m[2] ?? "";
  const frac = m[3] ?? "";
  const exp = Number(m[4] ?? "0") - frac.length;
  let n = BigInt((whole + frac).replace(/^0+(?=\d)/, "") || "0") * sign;
  let d = 1n;
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d = 10n ** BigInt(-exp);
  return normalise({ n, d });
}

export function fromInt(value: number | bigint): Fraction {
  return { n: BigInt(value), d: 1n };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function normalise(f: Fraction): Fraction {
  if (f.d === 0n) throw new Error("division by zero");
  let { n, d } = f;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export function mul(...fs: Fraction[]): Fraction {
  return normalise(fs.reduce((acc, f) => ({ n: acc.n * f.n, d: acc.d * f.d }), { n: 1n, d: 1n }));
}

export function div(a: Fraction, b: Fraction): Fraction {
  if (b.n === 0n) throw new Error("division by zero");
  return normalise({ n: a.n * b.d, d: a.d * b.n });
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return normalise({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
}

export function isZero(f: Fraction): boolean {
  return f.n === 0n;
}

export function compare(a: Fraction, b: Fraction): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function min(a: Fraction, b: Fraction): Fraction {
  return compare(a, b) <= 0 ? a : b;
}

/** Rounds half away from zero to `places` decimals and returns the JSON number. */
export function toRounded(f: Fraction, places = 2): number {
  const scale = 10n ** BigInt(places);
  const neg = f.n < 0n;
  const abs = neg ? -f.n : f.n;
  const q = (abs * scale * 2n + f.d) / (2n * f.d);
  const intPart = q / scale;
  const fracPart = (q % scale).toString().padStart(places, "0");
  const text = `${neg && q !== 0n ? "-" : ""}${intPart}${places > 0 ? `.${fracPart}` : ""}`;
  return Number(text);
}

/** The nearest double to the fraction (for ratios and durations, which are not money). */
export function toNumber(f: Fraction): number {
  if (f.n === 0n) return 0;
  // Scale so that the integer quotient carries ~20 significant digits, then let Number round.
  const neg = f.n < 0n;
  const abs = neg ? -f.n : f.n;
  const digitsN = abs.toString().length;
  const digitsD = f.d.toString().length;
  const shift = 20 - (digitsN - digitsD);
  const q = shift >= 0 ? (abs * 10n ** BigInt(shift)) / f.d : abs / (f.d * 10n ** BigInt(-shift));
  const value = Number(`${q}e${-shift}`);
  return neg ? -value : value;
}
