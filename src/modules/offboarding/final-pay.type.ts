/** GraphQL types of offboarding: the final pay of an ended engagement and the Canadian Record of Employment. */
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Money, money } from "../../shared/money";
import { toGlobalId } from "../../shared/global-id";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { EngagementEndReason } from "./termination-reason";
import type { FinalPayRow } from "./final-pay.repository";
import type { RoeData } from "./roe";

export enum FinalPayCase {
  INVOLUNTARY = "INVOLUNTARY",
  VOLUNTARY_WITH_NOTICE = "VOLUNTARY_WITH_NOTICE",
  VOLUNTARY_WITHOUT_NOTICE = "VOLUNTARY_WITHOUT_NOTICE",
  END_OF_CONTRACT = "END_OF_CONTRACT",
}
registerEnumType(FinalPayCase, {
  name: "FinalPayCase",
  description: "Which of the jurisdiction's final-pay rules applied.",
  valuesConfig: {
    INVOLUNTARY: { description: "The employer ended the employment (discharge, layoff)." },
    VOLUNTARY_WITH_NOTICE: { description: "A quit with the notice the jurisdiction rewards (California: at least 72 hours; Oregon: 48 hours; Hawaii: one pay period)." },
    VOLUNTARY_WITHOUT_NOTICE: { description: "A quit without that notice (or in a jurisdiction where notice does not change the deadline)." },
    END_OF_CONTRACT: { description: "A fixed term or assignment ended: the jurisdiction's end-of-contract rule, else its involuntary one." },
  },
});

export enum FinalPayPaidBy {
  OFF_CYCLE_RUN = "OFF_CYCLE_RUN",
  NEXT_REGULAR_RUN = "NEXT_REGULAR_RUN",
}
registerEnumType(FinalPayPaidBy, {
  name: "FinalPayPaidBy",
  description: "Which payroll run pays the final pay.",
  valuesConfig: {
    OFF_CYCLE_RUN: {
      description:
        "The next regular payday is after the legal deadline (or there is no regular pay period): an OFF_CYCLE run (`offCycleRun`, DRAFT, paid on the deadline) pays the unpaid days and the payout; the regular run of the period skips those days.",
    },
    NEXT_REGULAR_RUN: { description: "The regular run of the pay period containing the end date pays on or before the deadline: it pays the last days and the payout." },
  },
});

@ObjectType("FinalPay", {
  description:
    "The final pay of an employee whose engagement ended with a `terminationReason`: the legal deadline of the work jurisdiction (rule and citation), who pays it, the days it pays and the vacation/PTO payout.",
})
export class FinalPay {
  /** The OFF_CYCLE run's uuid; not a field (see `offCycleRun`). */
  payrollRunDbId!: string | null;

  @Field(() => EngagementEndReason, { description: "Why the engagement ended." })
  terminationReason!: EngagementEndReason;

  @Field(() => FinalPayCase, { description: "Which rule of the jurisdiction applied." })
  case!: FinalPayCase;

  @Field(() => DateScalar, { nullable: true, description: "Day notice of the quit was given (as given to `endEngagement`)." })
  noticeGivenOn!: string | null;

  @Field(() => DateScalar, { description: "Last day actually worked (default: the end date)." })
  lastDayWorked!: string;

  @Field(() => DateScalar, { description: "Date by which the final pay is legally due." })
  deadline!: string;

  @Field(() => String, { description: 'The rule in words, e.g. "Final pay is due at the time of termination (the last day)".' })
  rule!: string;

  @Field(() => String, { description: "The statute (and section) the rule comes from, or why the default applied." })
  citation!: string;

  @Field(() => Boolean, {
    description: "False when no specific final-pay statute was found for the jurisdiction: the default, the next regular payday, applied (see `citation`).",
  })
  statuteFound!: boolean;

  @Field(() => DateScalar, { nullable: true, description: "Pay date of the regular pay period containing the end date; null without a pay schedule." })
  nextRegularPayDate!: string | null;

  @Field(() => FinalPayPaidBy, { description: "Which run pays it." })
  paidBy!: FinalPayPaidBy;

  @Field(() => ID, { nullable: true, description: "The OFF_CYCLE run created for it (global ID); null when the next regular run pays it." })
  offCycleRunId!: string | null;

  @Field(() => DateScalar, { description: "First day of wages the final pay covers (the first day of its pay period no regular run paid)." })
  paysFrom!: string;

  @Field(() => DateScalar, { description: "Last day of wages it covers: the end date." })
  paysThrough!: string;

  @Field(() => String, { nullable: true, description: "Unused vacation/PTO hours given to `endEngagement` (decimal)." })
  unusedPtoHours!: string | null;

  @Field(() => Money, { description: "Vacation/PTO payout paid with the final pay (line `EARNING_PTO_PAYOUT`); zero when none is owed." })
  ptoPayout!: Money;

  @Field(() => String, { description: "Why the payout is (not) paid." })
  ptoRule!: string;

  @Field(() => String, { nullable: true, description: "The statute requiring the payout; null when none applies." })
  ptoCitation!: string | null;
}

export function toFinalPay(row: FinalPayRow): FinalPay {
  return Object.assign(new FinalPay(), {
    payrollRunDbId: row.payrollRunId,
    terminationReason: row.terminationReason as EngagementEndReason,
    case: row.finalPayCase as FinalPayCase,
    noticeGivenOn: row.noticeGivenOn,
    lastDayWorked: row.lastDayWorked,
    deadline: row.deadline,
    rule: row.ruleText,
    citation: row.citation,
    statuteFound: row.statuteFound,
    nextRegularPayDate: row.nextRegularPayDate,
    paidBy: row.paidBy as FinalPayPaidBy,
    offCycleRunId: row.payrollRunId ? toGlobalId("PayrollRun", row.payrollRunId) : null,
    paysFrom: row.paysFrom,
    paysThrough: row.paysThrough,
    unusedPtoHours: row.ptoHundredths === null ? null : `${Math.trunc(row.ptoHundredths / 100)}.${String(row.ptoHundredths % 100).padStart(2, "0")}`,
    ptoPayout: money(row.ptoPayout, row.currency),
    ptoRule: row.ptoRuleText,
    ptoCitation: row.ptoCitation,
  });
}

@ObjectType("RoePayPeriod", { description: "Insurable earnings and hours of one pay period of a Record of Employment (Block 15C)." })
export class RoePayPeriod {
  @Field(() => DateScalar, { description: "End date of the pay period." })
  periodEnd!: string;

  @Field(() => Money, { description: "EI insurable earnings paid for the period." })
  insurableEarnings!: Money;

  @Field(() => String, { description: "Insurable hours (decimal): recorded hours when hourly, 8 hours per weekday worked when salaried." })
  insurableHours!: string;
}

@ObjectType("RecordOfEmployment", {
  description:
    "The Record of Employment data of a Canadian employee whose engagement ended (Service Canada's ROE blocks): reason code, dates, insurable hours and earnings by pay period, and the due date (5 calendar days after the end of the pay period in which earnings stopped, EI Regulations s. 19(3)). The worker is referenced by ID only: no SIN, no name.",
})
export class RecordOfEmployment {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => ID, { description: "The worker (global ID)." })
  workerId!: string;

  @Field(() => String, { description: "Block 16 reason code: E (quit), M (dismissal), A (shortage of work / end of contract)." })
  reasonCode!: string;

  @Field(() => String, { description: "The reason code's meaning." })
  reasonDescription!: string;

  @Field(() => DateScalar, { description: "Block 10: first day worked (the engagement's start)." })
  firstDayWorked!: string;

  @Field(() => DateScalar, { description: "Block 11: last day for which paid (the end date)." })
  lastDayForWhichPaid!: string;

  @Field(() => DateScalar, { description: "Block 12: end date of the final pay period." })
  finalPayPeriodEndDate!: string;

  @Field(() => DateScalar, { description: "Date by which the ROE must be issued: 5 calendar days after `finalPayPeriodEndDate`." })
  dueOn!: string;

  @Field(() => String, { description: "Block 15A: total insurable hours (decimal) of the listed periods." })
  totalInsurableHours!: string;

  @Field(() => Money, { description: "Block 15B: total insurable earnings of the listed periods." })
  totalInsurableEarnings!: Money;

  @MaxItems(LIST_LIMITS.roePayPeriods)
  @Field(() => [RoePayPeriod], {
    description: "Block 15C: insurable earnings by pay period, latest first, over the last 53 weeks; from the statements of runs past approval. At most 53.",
  })
  payPeriods!: RoePayPeriod[];

  @Field(() => Money, { description: "Block 17A: vacation pay paid because of the separation (line `EARNING_PTO_PAYOUT`)." })
  vacationPay!: Money;

  @Field(() => Boolean, { description: "True once a run past approval has paid the final pay period: until then the earnings are incomplete." })
  complete!: boolean;
}

function hours(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

export function toRecordOfEmployment(engagementDbId: string, workerDbId: string, data: RoeData, currency: string, complete: boolean): RecordOfEmployment {
  return Object.assign(new RecordOfEmployment(), {
    engagementId: toGlobalId("Engagement", engagementDbId),
    workerId: toGlobalId("Worker", workerDbId),
    reasonCode: data.reasonCode,
    reasonDescription: data.reasonText,
    firstDayWorked: data.firstDayWorked,
    lastDayForWhichPaid: data.lastDayForWhichPaid,
    finalPayPeriodEndDate: data.finalPayPeriodEnd,
    dueOn: data.dueOn,
    totalInsurableHours: hours(data.totalInsurableHundredths),
    totalInsurableEarnings: money(data.totalInsurableEarnings, currency),
    payPeriods: data.periods.map((p) =>
      Object.assign(new RoePayPeriod(), { periodEnd: p.periodEnd, insurableEarnings: money(p.insurableEarnings, currency), insurableHours: hours(p.insurableHundredths) }),
    ),
    vacationPay: money(data.vacationPay, currency),
    complete,
  });
}
