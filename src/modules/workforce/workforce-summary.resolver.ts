import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { DateScalar } from "../../shared/scalars";
import { MaxItems } from "../../shared/list-limits";
import { Client } from "../clients/client.type";
import { PaySchedule } from "../pay-schedules/pay-schedule.type";
import { PayrollRun } from "../payroll/payroll.type";
import { WorkforceSummaryService } from "./workforce-summary.service";
import {
  REMITTANCE_DAYS,
  UPCOMING_PAY_DATE_DAYS,
  WORKFORCE_LIMITS,
  WorkforceCount,
  WorkforcePayrollCostMonth,
  WorkforceRemittancesDue,
  WorkforceSummary,
  WorkforceUpcomingPayDate,
} from "./workforce-summary.type";

const ACTIVE =
  "engagements ACTIVE on `asOf`: started on or before asOf and not ended (an engagement is ENDED on asOf when its `endDate` is before asOf, or when `endEngagement` recorded its end and asOf is today or later — exactly `Engagement.status` when asOf is today)";

@Resolver(() => WorkforceSummary)
export class WorkforceSummaryResolver {
  @Query(() => WorkforceSummary, {
    description:
      "Real-time visibility into one client's workforce: its status (headcounts, hires, terminations), payments (payroll cost, remittances due, open blockers) and schedule (upcoming pay dates with their runs), computed when read. Needs `workers:read`; the parts about payroll need `payroll:read` and remittances `remittances:read` (each part is null with a FORBIDDEN error without its scope). A clientId the caller may not act for, or that does not exist, is a NOT_FOUND error.",
  })
  workforceSummary(
    @Arg("clientId", () => ID, { description: "The client (global ID)." }) clientId: string,
    @Arg("asOf", () => DateScalar, {
      nullable: true,
      description: "The date to compute the summary for; today (UTC) when absent. A date that is not a real `YYYY-MM-DD` is BAD_USER_INPUT.",
    })
    asOf: string | null,
    @Ctx() ctx: Context,
  ) {
    return new WorkforceSummaryService(ctx).summary(clientId, asOf);
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  client(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).client(summary);
  }

  @FieldResolver(() => Int, { description: `Headcount: the number of ${ACTIVE}. Employees and contractors alike.` })
  async headcount(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).headcount;
  }

  @MaxItems(WORKFORCE_LIMITS.statuses)
  @FieldResolver(() => [WorkforceCount], {
    description:
      "Every engagement of the client by its status on `asOf` (key: an `EngagementStatus` value; every value listed, zeros included, in the order PENDING, ACTIVE, ENDED). PENDING: starts after asOf; ACTIVE: as in `headcount`; ENDED: ended on or before asOf as in `headcount`. At most 3.",
  })
  async byEngagementStatus(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).byEngagementStatus;
  }

  @MaxItems(WORKFORCE_LIMITS.jurisdictions)
  @FieldResolver(() => [WorkforceCount], {
    description: `The headcount by work jurisdiction (key: ISO 3166-2, e.g. \`US-NY\`, \`CA-ON\`): ${ACTIVE}. Most first, then by key; jurisdictions without any left out. At most ${WORKFORCE_LIMITS.jurisdictions}.`,
  })
  async byWorkJurisdiction(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).byWorkJurisdiction;
  }

  @MaxItems(WORKFORCE_LIMITS.classifications)
  @FieldResolver(() => [WorkforceCount], {
    description: `The headcount by classification (key: a \`Classification\` value, e.g. \`US_W2_EMPLOYEE\`, \`CA_T4A_CONTRACTOR\`), active engagements as in \`headcount\`. Most first; zeros left out. At most ${WORKFORCE_LIMITS.classifications}.`,
  })
  async byClassification(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).byClassification;
  }

  @MaxItems(WORKFORCE_LIMITS.employmentModels)
  @FieldResolver(() => [WorkforceCount], {
    description:
      "The headcount by employment model (key: an `EmploymentModel` value, `EOR` or `PEO`), active engagements as in `headcount`. Most first; zeros left out. At most 2.",
  })
  async byEmploymentModel(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).byEmploymentModel;
  }

  @FieldResolver(() => Int, { description: "Hires: engagements whose `startDate` is within the 30 days ending on `asOf` (asOf − 29 through asOf), whatever their status since." })
  async hiresLast30Days(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).hiresLast30Days;
  }

  @FieldResolver(() => Int, { description: "Hires: engagements whose `startDate` is within the 90 days ending on `asOf` (asOf − 89 through asOf)." })
  async hiresLast90Days(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).hiresLast90Days;
  }

  @FieldResolver(() => Int, {
    description:
      "Terminations: engagements whose `endDate` (the last day of the engagement, set by `endEngagement`/offboarding or at hire for a fixed term) is within the 30 days ending on `asOf` (asOf − 29 through asOf). An end recorded for a later date counts once that date is within the window.",
  })
  async terminationsLast30Days(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).terminationsLast30Days;
  }

  @FieldResolver(() => Int, { description: "Terminations: engagements whose `endDate` is within the 90 days ending on `asOf` (asOf − 89 through asOf)." })
  async terminationsLast90Days(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return (await new WorkforceSummaryService(ctx).engagementFigures(summary)).terminationsLast90Days;
  }

  @MaxItems(WORKFORCE_LIMITS.upcomingPayDates)
  @FieldResolver(() => [WorkforceUpcomingPayDate], {
    nullable: true,
    description: `The next pay dates from \`asOf\` through asOf + ${UPCOMING_PAY_DATE_DAYS} days, earliest first, at most ${WORKFORCE_LIMITS.upcomingPayDates}: each pay period of the client's schedules paying then (with its regular run, if created) and each off-cycle run paying then (cancelled, failed and reversed ones left out). Needs \`payroll:read\` (null with a FORBIDDEN error otherwise).`,
  })
  upcomingPayDates(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).upcomingPayDates(summary);
  }

  @MaxItems(WORKFORCE_LIMITS.payrollCostMonths)
  @FieldResolver(() => [WorkforcePayrollCostMonth], {
    nullable: true,
    description:
      "Payroll cost of `asOf`'s calendar year by month of the pay date and currency (US and Canadian workers: one entry per currency), months in order; months without approved statements left out. Counts the statements of runs past approval (APPROVED, FUNDED, PAYING, PAID, PARTIALLY_PAID), including approved runs paying later in the year. At most 24. Needs `payroll:read` (null with a FORBIDDEN error otherwise).",
  })
  payrollCostByMonth(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).payrollCostByMonth(summary);
  }

  @MaxItems(WORKFORCE_LIMITS.blockerCodes)
  @FieldResolver(() => [WorkforceCount], {
    nullable: true,
    description: `Open payroll blockers by code (key: a \`PayrollBlockerCode\` value), in key order: the blockers of the client's CALCULATED runs, which keep them from approval (one per engagement and problem). Today's state: asOf does not apply. At most ${WORKFORCE_LIMITS.blockerCodes}. Needs \`payroll:read\` (null with a FORBIDDEN error otherwise).`,
  })
  openBlockersByCode(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).openBlockersByCode(summary);
  }

  @MaxItems(WORKFORCE_LIMITS.remittanceGroups)
  @FieldResolver(() => [WorkforceRemittancesDue], {
    nullable: true,
    description: `Remittances not yet confirmed (SCHEDULED, SUBMITTED or FAILED) due from \`asOf\` through asOf + ${REMITTANCE_DAYS - 1} (${REMITTANCE_DAYS} days), by kind, authority and currency; earliest due first, at most ${WORKFORCE_LIMITS.remittanceGroups}. Needs \`remittances:read\` (null with a FORBIDDEN error otherwise).`,
  })
  remittancesDueNext14Days(@Root() summary: WorkforceSummary, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).remittancesDue(summary);
  }
}

@Resolver(() => WorkforceUpcomingPayDate)
export class WorkforceUpcomingPayDateResolver {
  @FieldResolver(() => PaySchedule, { nullable: true, description: "The pay schedule of the pay period; null for an off-cycle run." })
  paySchedule(@Root() payDate: WorkforceUpcomingPayDate, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).paySchedule(payDate);
  }

  @FieldResolver(() => PayrollRun, { nullable: true, description: "The run paying on this date; null when none was created yet." })
  payrollRun(@Root() payDate: WorkforceUpcomingPayDate, @Ctx() ctx: Context) {
    return new WorkforceSummaryService(ctx).payrollRun(payDate);
  }
}
