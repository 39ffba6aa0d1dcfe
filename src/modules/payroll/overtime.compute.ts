/**
 * Overtime classification of an hourly employee's hours (pure): which REGULAR hours of each day are straight
 * time, overtime (1.5×) or double time (2×) under the work jurisdiction's rule (src/modules/labor-law/
 * overtime.rules.ts), and the earning lines they are paid on. payroll-statements.compute.ts calls it.
 *
 * - Workweek: Monday to Sunday (ISO week), the same for every engagement. FLSA lets an employer fix any
 *   recurring 168-hour workweek (29 CFR 778.105); this one is documented in the README.
 * - Only REGULAR entries are hours worked that count towards thresholds. PTO is not hours worked (29 CFR
 *   778.218(a), 778.320) and is paid at 1× (`EARNING_PTO`). OVERTIME entries are overtime the client already
 *   classified: paid at 1.5× (`EARNING_OVERTIME`) as before, and not counted again towards the thresholds.
 * - Days are classified in date order: a day's hours depend only on the earlier days of its week. Daily
 *   overtime first (over `dailyHours` at 1.5×, over `dailyDoubleHours` at 2×), then the weekly threshold on the
 *   straight hours only (hours already paid as daily overtime are not counted twice: Cal. Lab. Code §510, B.C. ESA
 *   s.40(2); for Alberta this equals "the greater of daily and weekly overtime"). California's seventh
 *   consecutive day (each day of the workweek worked): its first 8 h at 1.5×, the rest at 2×.
 * - A workweek crossing the pay period's start: the calculation reads the REGULAR entries of the whole week (from
 *   its Monday, even in the previous period), classifies it, and pays only the days inside the period; the days
 *   of the week in the next period are classified and paid by the next run (classification in date order makes
 *   the earlier days' result final).
 * - Exempt employees and contractors: no classification, every REGULAR hour is straight time.
 */
import { CONTRACTOR_FEE } from "./engine/types";
import { addDays, dayOfWeek } from "../../shared/calendar";
import { overtimeRuleOf, type OvertimeRule } from "../labor-law/overtime.rules";

/** Hundredths of hours of one day, by pay category. */
export interface DayClassification {
  straight: number;
  overtime: number;
  doubleTime: number;
}

/** The Monday of the workweek a date falls in. */
export function workweekStart(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * Classifies the REGULAR hours of one workweek, days in date order (each `date` once, all in the same week), under
 * `rule`. Hundredths of hours in, hundredths out; the three parts of a day sum to its hours.
 */
export function classifyWorkweek(rule: OvertimeRule, days: readonly { date: string; hundredths: number }[]): Map<string, DayClassification> {
  const result = new Map<string, DayClassification>();
  const weekly = rule.weeklyHours * 100;
  let straightSoFar = 0;
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const worked = new Set(sorted.filter((d) => d.hundredths > 0).map((d) => d.date));
  for (const { date, hundredths: h } of sorted) {
    const isSunday = dayOfWeek(date) === 0;
    const seventhDay = rule.seventhDay === true && isSunday && h > 0 && [1, 2, 3, 4, 5, 6].every((back) => worked.has(addDays(date, -back)));
    if (seventhDay) {
      result.set(date, { straight: 0, overtime: Math.min(h, 800), doubleTime: Math.max(0, h - 800) });
      continue;
    }
    const doubleTime = rule.dailyDoubleHours === undefined ? 0 : Math.max(0, h - rule.dailyDoubleHours * 100);
    const dailyStraight = rule.dailyHours === undefined ? h - doubleTime : Math.min(h - doubleTime, rule.dailyHours * 100);
    const straight = Math.min(dailyStraight, Math.max(0, weekly - straightSoFar));
    straightSoFar += straight;
    result.set(date, { straight, overtime: h - doubleTime - straight, doubleTime });
  }
  return result;
}

/**
 * Every REGULAR entry's day classified, week by week (entries may start before the pay period: see the top). With
 * `rule` null (exempt, contractor) every hour is straight time.
 */
export function classifyRegularHours(rule: OvertimeRule | null, entries: readonly { workDate: string; type: string; hundredthsOfHours: number }[]): Map<string, DayClassification> {
  const regular = entries.filter((e) => e.type === "REGULAR");
  if (rule === null) return new Map(regular.map((e) => [e.workDate, { straight: e.hundredthsOfHours, overtime: 0, doubleTime: 0 }]));
  const weeks = new Map<string, { date: string; hundredths: number }[]>();
  for (const e of regular) {
    const week = workweekStart(e.workDate);
    const list = weeks.get(week);
    const day = { date: e.workDate, hundredths: e.hundredthsOfHours };
    if (list) list.push(day);
    else weeks.set(week, [day]);
  }
  const result = new Map<string, DayClassification>();
  for (const days of weeks.values()) for (const [date, c] of classifyWorkweek(rule, days)) result.set(date, c);
  return result;
}

/** The earning lines of hourly pay, and the factor (in halves) each category is paid at. */
export const HOURLY_LINE_CODES = {
  straight: { code: "EARNING_REGULAR", halves: 2, description: "Regular earnings" },
  overtime: { code: "EARNING_OVERTIME", halves: 3, description: "Overtime (1.5×)" },
  doubleTime: { code: "EARNING_DOUBLE_TIME", halves: 4, description: "Double time (2×)" },
  pto: { code: "EARNING_PTO", halves: 2, description: "Paid time off" },
} as const;
export type HourlyCategory = keyof typeof HOURLY_LINE_CODES;

/** Hourly pay of a period by category: hours, Σ rate × hundredths × halves (exact), and the rates seen. */
export type HourlyTally = Record<HourlyCategory, { hundredths: number; weighted: bigint; rates: Set<number> }>;

export function emptyTally(): HourlyTally {
  const part = () => ({ hundredths: 0, weighted: 0n, rates: new Set<number>() });
  return { straight: part(), overtime: part(), doubleTime: part(), pto: part() };
}

/**
 * Adds one time entry paid at `rate` (cents an hour) to the tally, and returns its weight in hundredths × halves
 * (what the run's exact sum adds for it). A REGULAR entry is split by its day's classification.
 */
export function tallyEntry(
  tally: HourlyTally,
  entry: { workDate: string; type: "REGULAR" | "OVERTIME" | "PTO"; hundredthsOfHours: number },
  rate: number,
  classified: ReadonlyMap<string, DayClassification>,
): bigint {
  const parts: [HourlyCategory, number][] =
    entry.type === "PTO"
      ? [["pto", entry.hundredthsOfHours]]
      : entry.type === "OVERTIME"
        ? [["overtime", entry.hundredthsOfHours]]
        : (() => {
            const c = classified.get(entry.workDate) ?? { straight: entry.hundredthsOfHours, overtime: 0, doubleTime: 0 };
            return [
              ["straight", c.straight],
              ["overtime", c.overtime],
              ["doubleTime", c.doubleTime],
            ];
          })();
  let weight = 0n;
  for (const [category, hundredths] of parts) {
    if (hundredths === 0) continue;
    const w = BigInt(hundredths) * BigInt(HOURLY_LINE_CODES[category].halves);
    const t = tally[category];
    t.hundredths += hundredths;
    t.weighted += BigInt(rate) * w;
    t.rates.add(rate);
    weight += w;
  }
  return weight;
}

/** An earning line with its hours and the rate an hour (when the hours were paid at one rate). */
export interface EarningLine {
  code: string;
  kind: "EARNING";
  description: string;
  amount: number;
  hundredthsOfHours?: number;
  rate?: number;
}

/**
 * The earning lines replacing the engine's single `EARNING_REGULAR` line of `regularGross` cents: one line per
 * hourly category with hours (amount = Σ rate × hours × factor, rounded half up), and `EARNING_REGULAR` with the
 * rest (salary, fees and straight-time hours), so the lines always sum to the regular gross. `rate` is the hourly
 * rate × the factor, rounded half up to the cent, when a single rate was paid; absent otherwise.
 */
export function hourlyEarningLines(regularGross: number, tally: HourlyTally, salaryOrFeeInPeriod: boolean): EarningLine[] {
  const lines: EarningLine[] = [];
  let others = 0;
  for (const category of ["overtime", "doubleTime", "pto"] as const) {
    const t = tally[category];
    if (t.hundredths === 0) continue;
    const { code, halves, description } = HOURLY_LINE_CODES[category];
    const amount = Number((2n * t.weighted + 200n) / 400n); // weighted / 200, half up
    others += amount;
    lines.push({ code, kind: "EARNING", description, amount, hundredthsOfHours: t.hundredths, ...singleRate(t.rates, halves) });
  }
  const straight = tally.straight;
  const regular: EarningLine = { code: "EARNING_REGULAR", kind: "EARNING", description: "Regular earnings", amount: regularGross - others };
  // Lines rounded one by one can exceed the total rounded once by a cent when nothing else is regular pay: the last
  // line gives that cent back, so no line is negative and the lines still sum to the gross.
  if (regular.amount < 0 && lines.length > 0) {
    lines[lines.length - 1].amount += regular.amount;
    regular.amount = 0;
  }
  if (straight.hundredths > 0) {
    regular.hundredthsOfHours = straight.hundredths;
    if (!salaryOrFeeInPeriod) Object.assign(regular, singleRate(straight.rates, 2));
  }
  return [regular, ...lines];
}

function singleRate(rates: Set<number>, halves: number): { rate?: number } {
  if (rates.size !== 1) return {};
  const [rate] = [...rates];
  return { rate: Math.floor((rate * halves + 1) / 2) }; // rate × halves / 2, half up
}

/**
 * The classification of an engagement's REGULAR hours: by its work jurisdiction's overtime rule for a non-exempt
 * employee, all straight time for an exempt employee or a contractor (overtime law covers employees only).
 */
export function classifyEngagementHours(
  engagement: { workJurisdiction: string; classification: string; exempt?: boolean },
  entries: readonly { workDate: string; type: string; hundredthsOfHours: number }[],
): Map<string, DayClassification> {
  const employee = engagement.classification === "US_W2_EMPLOYEE" || engagement.classification === "CA_T4_EMPLOYEE";
  const rule = employee && engagement.exempt !== true ? overtimeRuleOf(engagement.workJurisdiction) : null;
  return classifyRegularHours(rule, entries);
}

/**
 * A contractor's hours stay on its one `CONTRACTOR_FEE` line (fees are not split into overtime or PTO lines, which
 * are employment terms): every hour paid, and the rate when all were paid at one rate × 1 (no fixed fee besides).
 */
function contractorHours(tally: HourlyTally, salaryOrFee: boolean): { hundredthsOfHours: number; rate?: number } {
  const hundredths = Object.values(tally).reduce((n, t) => n + t.hundredths, 0);
  const rates = new Set([...tally.straight.rates, ...tally.pto.rates]);
  const atOne = tally.overtime.hundredths === 0 && tally.doubleTime.hundredths === 0 && !salaryOrFee;
  return { hundredthsOfHours: hundredths, ...(atOne ? singleRate(rates, 2) : {}) };
}

/**
 * The engine's lines with its `EARNING_REGULAR` line replaced by the hourly earning lines (see
 * `hourlyEarningLines`); unchanged when no hours were paid.
 */
export function withHourlyEarningLines<L extends { code: string }>(
  lines: readonly L[],
  regularGross: number,
  tally: HourlyTally | undefined,
  salaryOrFee: boolean,
): (L | EarningLine)[] {
  if (!tally || Object.values(tally).every((t) => t.hundredths === 0)) return [...lines];
  const fee = lines.findIndex((l) => l.code === CONTRACTOR_FEE);
  if (fee >= 0) return lines.map((l, i) => (i === fee ? { ...l, ...contractorHours(tally, salaryOrFee) } : l));
  const at = lines.findIndex((l) => l.code === "EARNING_REGULAR");
  if (at < 0) return [...lines];
  return [...lines.slice(0, at), ...hourlyEarningLines(regularGross, tally, salaryOrFee), ...lines.slice(at + 1)];
}
