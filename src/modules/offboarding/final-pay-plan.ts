/** The final pay planned from decided facts (pure, no GraphQL): used by `endEngagement` and by the demo seed. */
import { addDays } from "../../shared/calendar";
import { countryOf, currencyOf } from "../../shared/jurisdiction";
import type { EngagementRow } from "../engagements/engagement.type";
import type { FinalPayDeadline } from "./final-pay-rules";
import type { PtoPayoutDecision } from "./pto-payout-rules";
import { ROE_REASON_CODES, roeDueDate } from "./roe";
import type { NewFinalPayRow } from "./final-pay.repository";
import type { TerminationReason } from "./termination-reason";

export interface ParsedOffboarding {
  reason: TerminationReason;
  noticeGivenOn: string | null;
  lastDayWorked: string | null;
  ptoHundredths: number | null;
  payOutPto: boolean;
  vacationPayOwed: { cents: number; currency: string } | null;
}

/** What `recordFinalPay` writes: the final pay row without its ids, and the run to create (OFF_CYCLE) if any. */
export interface PreparedFinalPay {
  row: Omit<NewFinalPayRow, "id" | "clientId" | "engagementId" | "payrollRunId">;
  employerEntityId: string;
  roe: { reasonCode: string; dueOn: string; finalPayPeriodEnd: string } | null;
}

/**
 * The final pay row from the decided facts (pure; also used by the demo seed): the days it covers — the final
 * pay period's days no REGULAR run past approval has paid — and who pays it: an OFF_CYCLE run when there is no
 * regular pay period or its payday is after the deadline.
 */
export function planFinalPay(input: {
  engagement: Pick<EngagementRow, "startDate" | "employerEntityId" | "workJurisdiction">;
  endDate: string;
  parsed: ParsedOffboarding;
  period: { startDate: string; endDate: string; payDate: string } | null;
  deadline: FinalPayDeadline;
  decision: PtoPayoutDecision;
  ptoPayout: number;
  lastPaidPeriodEnd: string | null;
}): PreparedFinalPay {
  const { engagement, endDate, parsed, period, deadline, decision, lastPaidPeriodEnd } = input;
  const candidates = [engagement.startDate, period?.startDate ?? engagement.startDate, lastPaidPeriodEnd ? addDays(lastPaidPeriodEnd, 1) : engagement.startDate];
  const paysFrom = candidates.reduce((a, b) => (a > b ? a : b));
  const offCycle = period === null || period.payDate > deadline.deadline;
  return {
    employerEntityId: engagement.employerEntityId,
    row: {
      terminationReason: parsed.reason,
      finalPayCase: deadline.case,
      noticeGivenOn: parsed.noticeGivenOn,
      lastDayWorked: parsed.lastDayWorked ?? endDate,
      deadline: deadline.deadline,
      ruleText: `Final pay is due ${deadline.ruleText}`,
      citation: deadline.citation,
      statuteFound: deadline.statuteFound,
      nextRegularPayDate: period?.payDate ?? null,
      paidBy: offCycle ? "OFF_CYCLE_RUN" : "NEXT_REGULAR_RUN",
      periodStart: period?.startDate ?? null,
      periodEnd: period?.endDate ?? null,
      paysFrom,
      paysThrough: endDate,
      ptoHundredths: parsed.ptoHundredths,
      ptoPayout: decision.pay ? input.ptoPayout : 0,
      ptoRuleText: decision.ruleText,
      ptoCitation: decision.citation,
      currency: currencyOf(countryOf(engagement.workJurisdiction)),
    },
    roe:
      countryOf(engagement.workJurisdiction) === "CA"
        ? { reasonCode: ROE_REASON_CODES[parsed.reason].code, dueOn: roeDueDate(period?.endDate ?? endDate), finalPayPeriodEnd: period?.endDate ?? endDate }
        : null,
  };
}
