/** The benchmark's progress lines and how its figures are printed. */

export const log = (message: string): void => console.log(`[bench] ${message}`);

/** A figure with `digits` decimals, or "-" when there is none. */
export const fmt = (n: number | null | undefined, digits = 1): string =>
  n == null || Number.isNaN(n) ? "-" : n.toFixed(digits);
