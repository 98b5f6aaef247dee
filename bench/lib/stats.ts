/** Medians and percentiles of measured samples. */

/** The median of the numbers in `xs` (NaN and null ignored; NaN when none is left). */
export const median = (xs: number[]): number => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The `q` quantile (0..1) of ascending `sorted` samples, nearest rank; NaN when there are none. */
export function percentile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
}
