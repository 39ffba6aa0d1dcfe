/**
 * Final-pay deadlines of the work jurisdiction, as data, and the pure function that applies them. Every entry
 * cites its statute; entries read from secondary sources only (two independent summaries that agree, see the
 * module README) are marked `secondary: true`. A jurisdiction without an entry (or a US state without a final-pay
 * statute) gets the documented default — the next regular payday — with `statuteFound: false` on the result,
 * never a silent guess.
 *
 * Deadlines are calendar dates (the API's final pay is paid on a pay date): "at the time of termination" and
 * "within 6 hours" are the end date itself; "within 24/48/72 hours" are 1/2/3 calendar days after it; working
 * (business) days skip Saturdays and Sundays (public holidays are not skipped: the deadline errs early).
 */
import { addDays, dayNumber, dayOfWeek } from "../../shared/calendar";
import type { TerminationReason } from "./termination-reason";

export type DeadlineRule =
  | { kind: "AT_TERMINATION" }
  | { kind: "CALENDAR_DAYS"; days: number }
  | { kind: "WORKING_DAYS"; days: number }
  | { kind: "NEXT_REGULAR_PAYDAY" }
  | { kind: "EARLIER_OF"; rules: DeadlineRule[] }
  | { kind: "LATER_OF"; rules: DeadlineRule[] };

/** Notice an employee must give for the "quit with notice" rule: hours before the last day, or one pay period. */
export type NoticeRequirement = { hours: number } | { onePayPeriod: true };

export interface FinalPayJurisdictionRule {
  jurisdiction: string;
  /** Employer-initiated separation (discharge, layoff). */
  involuntary: DeadlineRule;
  /** Employee quits (without the notice of `voluntaryWithNotice`, when there is such a rule). */
  voluntary: DeadlineRule;
  /** A quit with at least this notice has its own (earlier) deadline. */
  voluntaryWithNotice?: { notice: NoticeRequirement; rule: DeadlineRule };
  /** End of a fixed term or assignment; absent: the involuntary rule (an employer-side separation). */
  endOfContract?: DeadlineRule;
  /** Statute (and section) the rule comes from. */
  citation: string;
  /** True when only secondary summaries could be read here (module README lists them). */
  secondary?: boolean;
  /** False for a US state known to have no final-pay statute: the default applies and the result says so. */
  statuteFound?: false;
}

const AT: DeadlineRule = { kind: "AT_TERMINATION" };
const NRP: DeadlineRule = { kind: "NEXT_REGULAR_PAYDAY" };
const days = (n: number): DeadlineRule => ({ kind: "CALENDAR_DAYS", days: n });
const workingDays = (n: number): DeadlineRule => ({ kind: "WORKING_DAYS", days: n });
const earlierOf = (...rules: DeadlineRule[]): DeadlineRule => ({ kind: "EARLIER_OF", rules });
const laterOf = (...rules: DeadlineRule[]): DeadlineRule => ({ kind: "LATER_OF", rules });
const same = (jurisdiction: string, rule: DeadlineRule, citation: string, extra: Partial<FinalPayJurisdictionRule> = {}): FinalPayJurisdictionRule => ({
  jurisdiction,
  involuntary: rule,
  voluntary: rule,
  citation,
  ...extra,
});

/** No state statute: the default rule, flagged. Federal law sets no final-pay deadline (US DOL, "Last Paycheck"). */
const NO_STATUTE = (jurisdiction: string): FinalPayJurisdictionRule => ({
  jurisdiction,
  involuntary: NRP,
  voluntary: NRP,
  citation: 'No state final-pay statute; federal law (FLSA) sets no final-pay deadline (US DOL WHD, "Last Paycheck"): next regular payday by practice',
  statuteFound: false,
});

export const FINAL_PAY_RULES: readonly FinalPayJurisdictionRule[] = [
  // United States
  NO_STATUTE("US-AL"),
  {
    jurisdiction: "US-AK",
    involuntary: workingDays(3),
    voluntary: laterOf(NRP, days(3)),
    citation: "Alaska Stat. §23.05.140(a) (discharge: within 3 working days), §23.05.140(b) (quit: next regular payday at least 3 days after notice)",
    secondary: true,
  },
  {
    jurisdiction: "US-AZ",
    involuntary: earlierOf(workingDays(7), NRP),
    voluntary: NRP,
    citation: "A.R.S. §23-353(A) (discharge: earlier of 7 working days or the end of the next regular pay period), §23-353(B) (quit: next regular payday)",
    secondary: true,
  },
  same("US-AR", NRP, "Ark. Code §11-4-405 (next regular payday; within 7 days on the discharged employee's request)", { secondary: true }),
  {
    jurisdiction: "US-CA",
    involuntary: AT,
    voluntary: days(3),
    voluntaryWithNotice: { notice: { hours: 72 }, rule: AT },
    endOfContract: AT,
    citation:
      "Cal. Lab. Code §201(a) (discharge: due and payable immediately), §202(a) (quit: within 72 hours; at the time of quitting with at least 72 hours' notice); end of a fixed term is a discharge (Smith v. Superior Court (2006) 39 Cal.4th 77)",
  },
  {
    jurisdiction: "US-CO",
    involuntary: AT,
    voluntary: NRP,
    citation:
      "C.R.S. §8-4-109(1)(b) (separation by the employer: immediately; within 6 hours of the start of the payroll unit's next workday, or 24 hours when it is offsite), §8-4-109(1)(a) (quit: next regular payday)",
  },
  {
    jurisdiction: "US-CT",
    involuntary: workingDays(1),
    voluntary: NRP,
    citation: "Conn. Gen. Stat. §31-71c(b) (discharge: next business day), §31-71c(a) (quit: next regular payday)",
    secondary: true,
  },
  same("US-DE", NRP, "19 Del. C. §1103(a) (next regular payday)", { secondary: true }),
  {
    jurisdiction: "US-DC",
    involuntary: workingDays(1),
    voluntary: earlierOf(NRP, days(7)),
    citation: "D.C. Code §32-1303(1) (discharge: next working day), §32-1303(2) (quit: earlier of next regular payday or 7 days)",
    secondary: true,
  },
  NO_STATUTE("US-FL"),
  NO_STATUTE("US-GA"),
  {
    jurisdiction: "US-HI",
    involuntary: AT,
    voluntary: NRP,
    voluntaryWithNotice: { notice: { onePayPeriod: true }, rule: AT },
    citation:
      "Haw. Rev. Stat. §388-3(a) (discharge: at the time of discharge, or next working day), §388-3(b) (quit: next regular payday; at the time of quitting with one pay period's notice)",
    secondary: true,
  },
  same("US-ID", earlierOf(NRP, workingDays(10)), "Idaho Code §45-606(1) (earlier of the next regular payday or 10 days, weekends and holidays excluded)", { secondary: true }),
  same("US-IL", NRP, "820 ILCS 115/5 (final compensation at separation if possible, in no case later than the next regularly scheduled payday)"),
  same("US-IN", NRP, "Ind. Code §22-2-5-1, §22-2-9-2 (next regular payday)", { secondary: true }),
  same("US-IA", NRP, "Iowa Code §91A.4 (next regular payday)", { secondary: true }),
  same("US-KS", NRP, "K.S.A. 44-315(a) (next regular payday)", { secondary: true }),
  same("US-KY", laterOf(NRP, days(14)), "KRS 337.055 (later of the next regular payday or 14 days)", { secondary: true }),
  same("US-LA", earlierOf(NRP, days(15)), "La. R.S. 23:631(A)(1) (earlier of the next regular payday or 15 days)", { secondary: true }),
  same("US-ME", earlierOf(NRP, days(14)), "26 M.R.S. §626 (earlier of the next regular payday or 2 weeks after demand)", { secondary: true }),
  same("US-MD", NRP, "Md. Code, Lab. & Empl. §3-505(a) (on or before the next regular payday)", { secondary: true }),
  {
    jurisdiction: "US-MA",
    involuntary: AT,
    voluntary: NRP,
    citation: "M.G.L. c.149 §148 (discharged: in full on the day of discharge; quit: next regular payday)",
  },
  {
    jurisdiction: "US-MN",
    involuntary: days(1),
    voluntary: NRP,
    citation: "Minn. Stat. §181.13(a) (discharge: within 24 hours of demand), §181.14 subd. 1 (quit: next regular payday)",
    secondary: true,
  },
  NO_STATUTE("US-MS"),
  {
    jurisdiction: "US-MO",
    involuntary: AT,
    voluntary: NRP,
    citation: "Mo. Rev. Stat. §290.110 (discharge: due on the day of discharge); no statute for a quit (next regular payday by practice)",
    secondary: true,
  },
  {
    jurisdiction: "US-MT",
    involuntary: AT,
    voluntary: earlierOf(NRP, days(15)),
    citation:
      "Mont. Code §39-3-205(1) (discharge: immediately, unless a written policy allows the earlier of next payday or 15 days; quit: earlier of next regular payday or 15 days)",
    secondary: true,
  },
  same("US-NE", earlierOf(NRP, days(14)), "Neb. Rev. Stat. §48-1230(4) (earlier of the next regular payday or two weeks)", { secondary: true }),
  {
    jurisdiction: "US-NV",
    involuntary: AT,
    voluntary: earlierOf(NRP, days(7)),
    citation: "NRS 608.020 (discharge: immediately), NRS 608.030 (quit: earlier of the next regular payday or 7 days)",
    secondary: true,
  },
  {
    jurisdiction: "US-NH",
    involuntary: days(3),
    voluntary: NRP,
    voluntaryWithNotice: { notice: { onePayPeriod: true }, rule: days(3) },
    citation: "RSA 275:44(I) (discharge: within 72 hours), 275:44(II) (quit: next regular payday; within 72 hours with one pay period's notice)",
    secondary: true,
  },
  same("US-NJ", NRP, "N.J.S.A. 34:11-4.3 (next regular payday)"),
  {
    jurisdiction: "US-NM",
    involuntary: days(5),
    voluntary: NRP,
    citation: "N.M. Stat. §50-4-4 (discharge: within 5 days), §50-4-5 (quit: next regular payday)",
    secondary: true,
  },
  same("US-NY", NRP, "N.Y. Lab. Law §191(3) (not later than the regular payday for the pay period during which the termination occurred)"),
  same("US-NC", NRP, "N.C. Gen. Stat. §95-25.7 (on or before the next regular payday)", { secondary: true }),
  same("US-ND", NRP, "N.D. Cent. Code §34-14-03 (next regular payday)", { secondary: true }),
  same("US-OH", earlierOf(NRP, days(15)), "Ohio Rev. Code §4113.15(A) (earlier of the next regular payday or 15 days)", { secondary: true }),
  same("US-OK", NRP, "40 O.S. §165.3(A) (next regular payday)", { secondary: true }),
  {
    jurisdiction: "US-OR",
    involuntary: workingDays(1),
    voluntary: earlierOf(workingDays(5), NRP),
    voluntaryWithNotice: { notice: { hours: 48 }, rule: AT },
    citation:
      "ORS 652.140(1) (discharge: end of the first business day after), 652.140(2) (quit with 48 hours' notice: last day; without: earlier of 5 business days or the next regular payday)",
    secondary: true,
  },
  same("US-PA", NRP, "43 P.S. §260.5(a) (next regular payday)"),
  same("US-RI", NRP, "R.I. Gen. Laws §28-14-4(a) (next regular payday)", { secondary: true }),
  same("US-SC", earlierOf(laterOf(days(2), NRP), days(30)), "S.C. Code §41-10-50 (within 48 hours or the next regular payday, which may not exceed 30 days)", { secondary: true }),
  same("US-SD", NRP, "SDCL 60-11-10, 60-11-11 (next regular payday)", { secondary: true }),
  same("US-TN", laterOf(NRP, days(21)), "Tenn. Code §50-2-103(g) (later of the next regular payday or 21 days)", { secondary: true }),
  {
    jurisdiction: "US-TX",
    involuntary: days(6),
    voluntary: NRP,
    citation: "Tex. Lab. Code §61.014(a)(1) (discharge: within 6 days), §61.014(a)(2) (quit: next regular payday)",
  },
  {
    jurisdiction: "US-UT",
    involuntary: days(1),
    voluntary: NRP,
    citation: "Utah Code §34-28-5(1)(a) (separation by the employer: within 24 hours), §34-28-5(2) (quit: next regular payday)",
    secondary: true,
  },
  {
    jurisdiction: "US-VT",
    involuntary: days(3),
    voluntary: NRP,
    citation: "21 V.S.A. §342(c)(2) (discharge: within 72 hours), §342(c)(1) (quit: next regular payday)",
    secondary: true,
  },
  same("US-VA", NRP, "Va. Code §40.1-29(A)(1) (on or before the next regular payday)", { secondary: true }),
  same("US-WA", NRP, "RCW 49.48.010 (at the end of the established pay period)"),
  same("US-WV", NRP, "W. Va. Code §21-5-4(b) (next regular payday)", { secondary: true }),
  same("US-WI", NRP, "Wis. Stat. §109.03(2) (not later than the date the wages would have been paid had employment continued)", { secondary: true }),
  same("US-WY", workingDays(5), "Wyo. Stat. §27-4-104(a) (within 5 working days)", { secondary: true }),
  // Canada (provincial employment standards)
  same(
    "CA-ON",
    laterOf(days(7), NRP),
    "Employment Standards Act, 2000 (Ontario), s. 11(5) (later of 7 days after employment ends or the day that would have been the next pay day)",
  ),
  {
    jurisdiction: "CA-BC",
    involuntary: days(2),
    voluntary: days(6),
    citation: "Employment Standards Act (British Columbia), s. 18(1) (employer terminates: within 48 hours), s. 18(2) (employee terminates: within 6 days)",
  },
  {
    jurisdiction: "CA-AB",
    involuntary: days(3),
    voluntary: days(10),
    voluntaryWithNotice: { notice: { hours: 7 * 24 }, rule: days(3) },
    citation:
      "Employment Standards Code (Alberta), s. 9 (employer terminates: within 3 consecutive days), s. 10 (employee quits with the notice of s. 58: within 3 days after the last day; without it: within 10 days, counted here from the last day)",
  },
  same("CA-QC", NRP, "Act respecting labour standards (Québec), CQLR c N-1.1, s. 43 (wages paid at regular intervals: next regular pay)", { secondary: true }),
  same("CA-MB", workingDays(10), "Employment Standards Code (Manitoba), s. 87(1) (within 10 working days after employment ends)", { secondary: true }),
  same("CA-SK", days(14), "The Saskatchewan Employment Act, s. 2-16 (within 14 days after employment ends)", { secondary: true }),
];

const RULES_BY_JURISDICTION = new Map(FINAL_PAY_RULES.map((r) => [r.jurisdiction, r]));

export type FinalPayCase = "INVOLUNTARY" | "VOLUNTARY_WITH_NOTICE" | "VOLUNTARY_WITHOUT_NOTICE" | "END_OF_CONTRACT";

export interface FinalPayFacts {
  jurisdiction: string;
  reason: TerminationReason;
  /** Termination date: the engagement's end date. */
  endDate: string;
  /** When notice of a quit was given (the employee's); null without notice. */
  noticeGivenOn: string | null;
  /** Pay date of the regular pay period containing `endDate`; null when the engagement has no such period. */
  nextRegularPayDate: string | null;
  /** Days in that pay period (for "one pay period's notice"); null without one. */
  payPeriodDays: number | null;
}

export interface FinalPayDeadline {
  /** Date by which the final pay is due. */
  deadline: string;
  case: FinalPayCase;
  rule: DeadlineRule;
  /** The rule in words, e.g. "at the time of termination". */
  ruleText: string;
  citation: string;
  /** False: no specific statute was found for the jurisdiction; the default (next regular payday) applies. */
  statuteFound: boolean;
  secondary: boolean;
}

/** Hours of notice: whole days from the day notice was given to the last day, × 24 (0 without notice). */
export function noticeHours(noticeGivenOn: string | null, endDate: string): number {
  if (noticeGivenOn === null) return 0;
  return Math.max(0, (dayNumber(endDate) - dayNumber(noticeGivenOn)) * 24);
}

function noticeMet(requirement: NoticeRequirement, facts: FinalPayFacts): boolean {
  const hours = noticeHours(facts.noticeGivenOn, facts.endDate);
  if ("hours" in requirement) return hours >= requirement.hours;
  return facts.payPeriodDays !== null && hours >= facts.payPeriodDays * 24;
}

function addWorkingDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/**
 * The date a rule gives. Without a regular payday (`nextRegularPayDate` null) "next regular payday" falls back to
 * the termination date: the strictest reading, so an engagement without a pay schedule is paid at once.
 */
export function applyDeadlineRule(rule: DeadlineRule, endDate: string, nextRegularPayDate: string | null): string {
  switch (rule.kind) {
    case "AT_TERMINATION":
      return endDate;
    case "CALENDAR_DAYS":
      return addDays(endDate, rule.days);
    case "WORKING_DAYS":
      return addWorkingDays(endDate, rule.days);
    case "NEXT_REGULAR_PAYDAY":
      return nextRegularPayDate ?? endDate;
    case "EARLIER_OF":
      return rule.rules.map((r) => applyDeadlineRule(r, endDate, nextRegularPayDate)).reduce((a, b) => (a <= b ? a : b));
    case "LATER_OF":
      return rule.rules.map((r) => applyDeadlineRule(r, endDate, nextRegularPayDate)).reduce((a, b) => (a >= b ? a : b));
    default: {
      const exhaustive: never = rule;
      return exhaustive;
    }
  }
}

/** A rule in words. */
export function describeDeadlineRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case "AT_TERMINATION":
      return "at the time of termination (the last day)";
    case "CALENDAR_DAYS":
      return `within ${rule.days} calendar day${rule.days === 1 ? "" : "s"} (${rule.days * 24} hours) after termination`;
    case "WORKING_DAYS":
      return `within ${rule.days} working day${rule.days === 1 ? "" : "s"} after termination`;
    case "NEXT_REGULAR_PAYDAY":
      return "on the next regular payday (the pay date of the pay period in which employment ends)";
    case "EARLIER_OF":
      return `the earlier of: ${rule.rules.map(describeDeadlineRule).join("; ")}`;
    case "LATER_OF":
      return `the later of: ${rule.rules.map(describeDeadlineRule).join("; ")}`;
    default: {
      const exhaustive: never = rule;
      return exhaustive;
    }
  }
}

/** The jurisdiction's rule, or the documented default (next regular payday, `statuteFound: false`). */
export function finalPayRuleOf(jurisdiction: string): FinalPayJurisdictionRule {
  return (
    RULES_BY_JURISDICTION.get(jurisdiction) ?? {
      ...NO_STATUTE(jurisdiction),
      citation: `No specific final-pay statute is recorded for ${jurisdiction}: the default, the next regular payday, applies`,
    }
  );
}

/** The final-pay deadline for a termination (pure). */
export function finalPayDeadline(facts: FinalPayFacts): FinalPayDeadline {
  const jr = finalPayRuleOf(facts.jurisdiction);
  let finalCase: FinalPayCase;
  let rule: DeadlineRule;
  if (facts.reason === "INVOLUNTARY") {
    finalCase = "INVOLUNTARY";
    rule = jr.involuntary;
  } else if (facts.reason === "END_OF_CONTRACT") {
    finalCase = "END_OF_CONTRACT";
    rule = jr.endOfContract ?? jr.involuntary;
  } else if (jr.voluntaryWithNotice && noticeMet(jr.voluntaryWithNotice.notice, facts)) {
    finalCase = "VOLUNTARY_WITH_NOTICE";
    rule = jr.voluntaryWithNotice.rule;
  } else {
    finalCase = "VOLUNTARY_WITHOUT_NOTICE";
    rule = jr.voluntary;
  }
  return {
    deadline: applyDeadlineRule(rule, facts.endDate, facts.nextRegularPayDate),
    case: finalCase,
    rule,
    ruleText: describeDeadlineRule(rule),
    citation: jr.citation,
    statuteFound: jr.statuteFound !== false,
    secondary: jr.secondary === true,
  };
}
