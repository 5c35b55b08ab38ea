/** Small, explicit statistics for the reports (pure). */

/** Median; the mean of the two middle values for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Percentile by the nearest-rank method (the value below which p% of the values fall, always one of
 * the observed values): p90 of 1..10 is 9. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** Share as a percentage with one decimal, null when the denominator is zero. */
export function pct(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/**
 * Small numbers (as statistical offices publish): in reports that leave the organisation a count of
 * 1 to 4 is shown as "<5", and every other count is rounded to a multiple of five, so a small number
 * cannot be recovered by subtracting one published figure from another (11 received − 10 accepted).
 * 0 stays 0.
 */
export const SMALL_NUMBER_LIMIT = 5;
export function maskSmall(n: number, enabled: boolean): number | string {
  if (!enabled || n === 0) return n;
  if (n > 0 && n < SMALL_NUMBER_LIMIT) return `<${SMALL_NUMBER_LIMIT}`;
  return Math.round(n / SMALL_NUMBER_LIMIT) * SMALL_NUMBER_LIMIT;
}
