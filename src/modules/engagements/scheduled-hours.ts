/** Scheduled hours per week of an engagement (benefits eligibility reads them): "37.5" ↔ 3750 hundredths. */

/** Most hours a week has. */
export const MAX_WEEKLY_HUNDREDTHS = 168 * 100;

/** "37.5" → 3750; null unless 0 ≤ hours ≤ 168 with at most two decimals. */
export function parseWeeklyHundredths(hours: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(hours);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return hundredths <= MAX_WEEKLY_HUNDREDTHS ? hundredths : null;
}

/** 3750 → "37.50". */
export function formatWeeklyHundredths(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}
