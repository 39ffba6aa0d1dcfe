/** Filing periods (pure): a calendar quarter or year, by pay date. */

/** Years a filing may be asked for: wide enough for any real payroll, narrow enough to refuse nonsense. */
export const FILING_YEARS = { min: 2000, max: 2100 } as const;

export interface FilingPeriod {
  year: number;
  /** First and last pay date of the period, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** January 1 of the year: wage bases and thresholds are annual. */
  yearStart: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar quarter (1–4) of `year`. */
export function quarterPeriod(year: number, quarter: number): FilingPeriod & { quarter: number; months: string[]; twelfthOfThirdMonth: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    year,
    quarter,
    yearStart: `${year}-01-01`,
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    months: [firstMonth, firstMonth + 1, lastMonth].map((m) => `${year}-${pad(m)}`),
    // Form 941 line 1: "the pay period including: Mar. 12 (Quarter 1), June 12 (Quarter 2), Sept. 12 (Quarter 3), or Dec. 12 (Quarter 4)".
    twelfthOfThirdMonth: `${year}-${pad(lastMonth)}-12`,
  };
}

export function yearPeriod(year: number): FilingPeriod {
  return { year, yearStart: `${year}-01-01`, from: `${year}-01-01`, to: `${year}-12-31` };
}

/** What is wrong with a year / quarter argument, or null. */
export function periodProblem(year: number, quarter?: number): string | null {
  if (!Number.isInteger(year) || year < FILING_YEARS.min || year > FILING_YEARS.max) return `year must be between ${FILING_YEARS.min} and ${FILING_YEARS.max}`;
  if (quarter !== undefined && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) return "quarter must be 1, 2, 3 or 4";
  return null;
}
