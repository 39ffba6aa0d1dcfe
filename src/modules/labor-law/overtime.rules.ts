/**
 * Overtime rules as data: for each work jurisdiction, the hours after which straight time ends (per day, per
 * week), when double time starts, and California's seventh-day rule. The classification itself is
 * src/modules/payroll/overtime.compute.ts. Sources: README.md in this folder.
 */

export interface OvertimeRule {
  /** Hours worked in a workweek after which the rest is paid at 1.5×. */
  weeklyHours: number;
  /** Hours worked in a day after which the rest is paid at 1.5× (absent: no daily overtime). */
  dailyHours?: number;
  /** Hours worked in a day after which the rest is paid at 2× (absent: no daily double time). */
  dailyDoubleHours?: number;
  /**
   * California's seventh consecutive day of work in the workweek: its first 8 hours at 1.5×, the rest at 2×
   * (applies when the employee worked each of the workweek's seven days).
   */
  seventhDay?: true;
  /** The statute or regulation. */
  source: string;
}

const FLSA: OvertimeRule = { weeklyHours: 40, source: "FLSA §7(a)(1), 29 U.S.C. 207(a)(1): over 40 hours in a workweek at 1.5× the regular rate" };

/** States whose daily overtime the table knows, on top of the federal weekly rule. */
const US_STATE_RULES: Readonly<Record<string, OvertimeRule>> = {
  "US-CA": {
    weeklyHours: 40,
    dailyHours: 8,
    dailyDoubleHours: 12,
    seventhDay: true,
    source:
      "Cal. Lab. Code §510(a): over 8 h in a workday or 40 h in a workweek, and the first 8 h of the seventh consecutive day, at 1.5×; over 12 h in a day and over 8 h on the seventh consecutive day at 2×",
  },
  "US-AK": { weeklyHours: 40, dailyHours: 8, source: "AS 23.10.060(b): over 8 hours a day or 40 hours a week at 1.5× (employers of 4 or more)" },
  "US-CO": { weeklyHours: 40, dailyHours: 12, source: "COMPS Order #39 Rule 4.1.1: over 40 h a workweek or 12 h a workday at 1.5×" },
};

/** Canadian provinces and territories (their employment standards; 1.5× unless said). */
const CA_RULES: Readonly<Record<string, OvertimeRule>> = {
  "CA-ON": { weeklyHours: 44, source: "Employment Standards Act, 2000 (Ontario) s.22(1): over 44 hours a work week at 1.5×" },
  "CA-BC": {
    weeklyHours: 40,
    dailyHours: 8,
    dailyDoubleHours: 12,
    source: "Employment Standards Act (B.C.) s.40: over 8 h a day at 1.5×, over 12 h a day at 2×; over 40 h a week (hours not already paid daily overtime) at 1.5×",
  },
  "CA-AB": { weeklyHours: 44, dailyHours: 8, source: "Employment Standards Code (Alberta) s.21: the greater of daily overtime (over 8 h) and weekly overtime (over 44 h)" },
  "CA-QC": { weeklyHours: 40, source: "Act respecting labour standards (Québec) ss.52 and 55: over 40 hours a week at 1.5×" },
  "CA-MB": { weeklyHours: 40, dailyHours: 8, source: "Employment Standards Code (Manitoba) ss.17-18: over 8 h a day or 40 h a week at 1.5×" },
  "CA-SK": { weeklyHours: 40, dailyHours: 8, source: "The Saskatchewan Employment Act s.2-17 and s.2-18: over 8 h a day (when scheduled 8) or 40 h a week at 1.5×" },
  "CA-NS": { weeklyHours: 48, source: "Labour Standards Code (N.S.) and Minimum Wage Order (General) s.7: over 48 hours a week at 1.5× the minimum wage" },
  "CA-NB": { weeklyHours: 44, source: "Minimum Wage Regulation (N.B. Reg. 2011-1): over 44 hours a week at 1.5× the minimum wage" },
  "CA-NL": { weeklyHours: 40, source: "Labour Standards Regulations (NL) s.9: over 40 hours a week at 1.5× the minimum wage" },
  "CA-PE": { weeklyHours: 48, source: "Employment Standards Act (P.E.I.) s.16: over 48 hours a week at 1.5×" },
  "CA-YT": { weeklyHours: 40, dailyHours: 8, source: "Employment Standards Act (Yukon) s.8: over 8 h a day or 40 h a week at 1.5×" },
  "CA-NT": { weeklyHours: 40, dailyHours: 8, source: "Employment Standards Act (N.W.T.) s.15: over 8 h a day or 40 h a week at 1.5×" },
  "CA-NU": { weeklyHours: 40, dailyHours: 8, source: "Labour Standards Act (Nunavut) s.6 and s.13: over 8 h a day or 40 h a week at 1.5×" },
};

/**
 * The overtime rule of a work jurisdiction: a US state's own (daily) rule where the table has one, else the
 * FLSA's weekly 40 hours (which covers every US employee not exempt); a Canadian province's or territory's; null
 * for anything else (the caller reports it: never a silent "no overtime").
 */
export function overtimeRuleOf(jurisdiction: string): OvertimeRule | null {
  if (jurisdiction.startsWith("US-")) return US_STATE_RULES[jurisdiction] ?? FLSA;
  return CA_RULES[jurisdiction] ?? null;
}
