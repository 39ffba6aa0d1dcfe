import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Money, money } from "../../shared/money";
import { PayrollRunStatus } from "../payroll/payroll.type";
import { RemittanceKind } from "../remittances/remittance.type";
import { US_SUBDIVISIONS, CA_SUBDIVISIONS } from "../../shared/jurisdiction";
import { CLASSIFICATIONS } from "../../shared/classification";
import { PAYROLL_BLOCKER_CODES } from "../payroll/payroll-blocker-code.enum";
import type { SummaryWindow, PayrollCostRow, RemittancesDueRow, UpcomingPayDateRow } from "./workforce-summary.repository";

/**
 * Hard maximums of the summary's lists (like LIST_LIMITS in src/shared/list-limits.ts; kept here because only the
 * summary uses them), declared on the fields with `@MaxItems` and enforced by construction or by the statement's
 * LIMIT. Small on purpose: the summary is read on every status-board refresh.
 */
export const WORKFORCE_LIMITS = {
  /** One entry per `EngagementStatus` value. */
  statuses: 3,
  /** One entry per work jurisdiction: the 64 subdivisions of the two countries. */
  jurisdictions: US_SUBDIVISIONS.length + CA_SUBDIVISIONS.length,
  classifications: CLASSIFICATIONS.length,
  employmentModels: 2,
  /** Pay dates within `UPCOMING_PAY_DATE_DAYS` days of asOf, earliest first (LIMIT). */
  upcomingPayDates: 10,
  /** 12 months × the two currencies. */
  payrollCostMonths: 24,
  /** One entry per `PayrollBlockerCode`. */
  blockerCodes: PAYROLL_BLOCKER_CODES.length,
  /** Groups of remittances due, earliest first (LIMIT): a client's authorities in the subdivisions it works in, with room. */
  remittanceGroups: 50,
} as const;

/** Days after asOf that `upcomingPayDates` looks ahead (asOf + 60 inclusive). */
export const UPCOMING_PAY_DATE_DAYS = 60;
/** `remittancesDueNext14Days`: asOf and the 13 days after it. */
export const REMITTANCE_DAYS = 14;

@ObjectType("WorkforceCount", { description: "How many of something there are under one key (the list it is in says what the key is)." })
export class WorkforceCount {
  @Field(() => String, { description: "The value counted: an enum value or a jurisdiction code, as the list's description says." })
  key!: string;

  @Field(() => Int, { description: "How many." })
  count!: number;
}

@ObjectType("WorkforceUpcomingPayDate", {
  description: "A pay (check) date ahead: a pay period of one of the client's schedules (with its regular run, if one was created) or an off-cycle run.",
})
export class WorkforceUpcomingPayDate {
  /** Database uuids; not fields (the relations are field resolvers through the loaders). */
  payScheduleDbId!: string | null;
  payrollRunDbId!: string | null;

  @Field(() => DateScalar, { description: "The pay (check) date." })
  payDate!: string;

  @Field(() => PayrollRunStatus, {
    nullable: true,
    description: "Status of the run paying on this date (for a pay period: its latest regular run that will pay, else its latest one); null when no run was created yet.",
  })
  runStatus!: PayrollRunStatus | null;
}

@ObjectType("WorkforcePayrollCostMonth", {
  description:
    "What one month's payroll cost the client in one currency: the statements of its runs past approval (APPROVED, FUNDED, PAYING, PAID, PARTIALLY_PAID) whose pay date falls in the month. Reversed, cancelled and unapproved runs do not count.",
})
export class WorkforcePayrollCostMonth {
  @Field(() => String, { description: 'The month of the pay dates, `YYYY-MM` (e.g. "2026-03").' })
  month!: string;

  @Field(() => Money, { description: "Gross pay: the sum of the statements' `gross` (earnings paid to workers, contractors' fees included)." })
  gross!: Money;

  @Field(() => Money, {
    description:
      "Employer taxes: the sum of the statements' `employerTaxes`, i.e. their EMPLOYER_TAX lines (Social Security and Medicare employer shares, FUTA, SUI, CPP/QPP and EI employer shares, Quebec HSF/CNESST/CNT…), on top of gross.",
  })
  employerTaxes!: Money;

  @Field(() => Money, {
    description: "Employer benefit contributions: the statements' EMPLOYER_CONTRIBUTION lines (`BEN_ER_<KIND>`), on top of gross; zero when no benefit was paid.",
  })
  benefits!: Money;

  @Field(() => Money, { description: "gross + employerTaxes + benefits: what the month's payroll cost the client in this currency." })
  total!: Money;
}

@ObjectType("WorkforceRemittancesDue", {
  description: "Remittances of the client not yet confirmed (SCHEDULED, SUBMITTED or FAILED) due in the next 14 days, grouped by kind, authority and currency.",
})
export class WorkforceRemittancesDue {
  @Field(() => String, {
    description:
      "The tax authority code for TAX remittances (`IRS`, `IRS-940`, `US-CA-EDD`, `CRA`, `RQ`…, as `Remittance.authority`); for the other kinds, whose payees are workers or benefit carriers, the kind itself (`NET_PAY`, `CONTRACTOR_PAYMENT`, `BENEFIT_CARRIER`).",
  })
  authority!: string;

  @Field(() => RemittanceKind, { description: "What the remittances pay." })
  kind!: RemittanceKind;

  @Field(() => Int, { description: "How many remittances." })
  count!: number;

  @Field(() => Money, { description: "Their total amount, in their currency (one entry per currency)." })
  amount!: Money;

  @Field(() => DateScalar, { description: "The earliest due date among them." })
  earliestDueOn!: string;
}

@ObjectType("WorkforceSummary", {
  description:
    "One client's workforce at a glance on a date: headcounts, hires and terminations, upcoming pay dates with their runs, the year's payroll cost, open payroll blockers and remittances due. Every figure is computed in SQL when read (a fixed number of statements, whatever the number of engagements), so it is live: refetch it when a run or remittance event arrives. Parts with their own read scope are nullable: without the scope, that part is null with a FORBIDDEN error and the rest still resolves.",
})
export class WorkforceSummary {
  /** The dates every part is computed from; not a field. */
  window!: SummaryWindow;

  @Field(() => DateScalar, { description: "The date the summary is computed for (the `asOf` argument, or today UTC)." })
  asOf!: string;
}

export function toUpcomingPayDate(row: UpcomingPayDateRow): WorkforceUpcomingPayDate {
  return Object.assign(new WorkforceUpcomingPayDate(), {
    payDate: row.payDate,
    payScheduleDbId: row.payScheduleId,
    payrollRunDbId: row.payrollRunId,
    runStatus: row.runStatus,
  });
}

export function toPayrollCostMonth(row: PayrollCostRow): WorkforcePayrollCostMonth {
  return Object.assign(new WorkforcePayrollCostMonth(), {
    month: row.month,
    gross: money(row.gross, row.currency),
    employerTaxes: money(row.employerTaxes, row.currency),
    benefits: money(row.benefits, row.currency),
    total: money(row.gross + row.employerTaxes + row.benefits, row.currency),
  });
}

export function toRemittancesDue(row: RemittancesDueRow): WorkforceRemittancesDue {
  return Object.assign(new WorkforceRemittancesDue(), {
    authority: row.authority,
    kind: row.kind as RemittanceKind,
    count: row.count,
    amount: money(row.amount, row.currency),
    earliestDueOn: row.earliestDueOn,
  });
}

export function toCounts(counts: ReadonlyMap<string, number>): WorkforceCount[] {
  return [...counts].map(([key, count]) => Object.assign(new WorkforceCount(), { key, count }));
}
