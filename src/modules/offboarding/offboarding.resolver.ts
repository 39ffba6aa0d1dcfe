import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Engagement } from "../engagements/engagement.type";
import { PayrollRun, toPayrollRun } from "../payroll/payroll.type";
import { payrollRunById } from "../payroll/payroll.loaders";
import { FinalPay, RecordOfEmployment, toFinalPay, toRecordOfEmployment } from "./final-pay.type";
import { finalPayByEngagementId, recordOfEmploymentByEngagementId } from "./final-pay.loaders";

/** `Engagement.finalPay` and `Engagement.recordOfEmployment`: the offboarding module's edges on the engagement. */
@Resolver(() => Engagement)
export class EngagementOffboardingResolver {
  @FieldResolver(() => FinalPay, {
    nullable: true,
    description:
      "The final pay planned by `endEngagement` with a `terminationReason` (employees only): legal deadline, rule and citation, the OFF_CYCLE run when the next regular payday is too late, the vacation/PTO payout. Null otherwise. Needs `payroll:read` (null with a FORBIDDEN error otherwise).",
  })
  async finalPay(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(finalPayByEngagementId).load(engagement.dbId);
    return row ? toFinalPay(row) : null;
  }

  @FieldResolver(() => RecordOfEmployment, {
    nullable: true,
    description:
      "Record of Employment data of a Canadian employee (CA_T4_EMPLOYEE) ended with a `terminationReason`; null otherwise. Earnings come from runs past approval (`complete` says whether the final pay is among them). Needs `payroll:read` (null with a FORBIDDEN error otherwise).",
  })
  async recordOfEmployment(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    const roe = await ctx.loaders.get(recordOfEmploymentByEngagementId).load(engagement.dbId);
    return roe ? toRecordOfEmployment(engagement.dbId, roe.workerId, roe.data, roe.currency, roe.complete) : null;
  }
}

@Resolver(() => FinalPay)
export class FinalPayResolver {
  @FieldResolver(() => PayrollRun, { nullable: true, description: "The OFF_CYCLE run that pays the final pay; null when the next regular run pays it." })
  async offCycleRun(@Root() finalPay: FinalPay, @Ctx() ctx: Context) {
    if (finalPay.payrollRunDbId === null) return null;
    const row = await ctx.loaders.get(payrollRunById).load(finalPay.payrollRunDbId);
    return row ? toPayrollRun(row) : null;
  }
}
