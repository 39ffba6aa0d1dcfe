/**
 * Offboarding use cases: the final pay planned inside `endEngagement`'s transaction (the engagements module calls
 * `parseOffboarding` before its transaction, `prepareFinalPay` before it writes the end and `recordFinalPay`
 * after), and the reads of `Engagement.finalPay` / `Engagement.recordOfEmployment` (loaders).
 */
import type { Db } from "../../db/client";
import type { EventInput } from "../events/event.repository";
import { recordEvent } from "../events/event.repository";
import { generatePayPeriodsThrough, dayNumber } from "../../shared/calendar";
import { parseMinorUnits } from "../../shared/money";
import { newId } from "../../shared/ids";
import { countryOf, currencyOf } from "../../shared/jurisdiction";
import { isEmployee } from "../../shared/classification";
import { failed, succeeded, type CommandResult } from "../../shared/command-result";
import { userError, UserErrorCode, type UserErrors } from "../../shared/user-error";
import { payrollRepository } from "../payroll/payroll.repository";
import type { EngagementRow } from "../engagements/engagement.type";
import type { MoneyInput } from "../../shared/money";
import { finalPayDeadline } from "./final-pay-rules";
import { ptoPayoutCents, ptoPayoutDecision } from "./pto-payout-rules";
import { finalPayRepository, type FinalPayRow } from "./final-pay.repository";
import { planFinalPay, type ParsedOffboarding, type PreparedFinalPay } from "./final-pay-plan";
export type { ParsedOffboarding, PreparedFinalPay } from "./final-pay-plan";
import type { TerminationReason } from "./termination-reason";

/** The offboarding part of `EndEngagementInput`. */
export interface OffboardingInput {
  terminationReason?: TerminationReason | null;
  noticeGivenOn?: string | null;
  lastDayWorked?: string | null;
  unusedPtoHours?: string | null;
  payOutPto?: boolean | null;
  vacationPayOwed?: MoneyInput | null;
}

const MAX_PTO_HUNDREDTHS = 10_000 * 100;

/** "7.5" → 750 hundredths of an hour; null unless 0 ≤ hours ≤ 10000 with at most two decimals. */
export function parsePtoHours(hours: string): number | null {
  const m = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(hours.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return hundredths <= MAX_PTO_HUNDREDTHS ? hundredths : null;
}

/**
 * The offboarding fields checked without the database. Null when no `terminationReason` is given (the end is
 * recorded as before, no final pay is planned); then the other offboarding fields are refused.
 */
export function parseOffboarding(errors: UserErrors, input: OffboardingInput & { endDate: string }): ParsedOffboarding | null {
  const given = (["noticeGivenOn", "lastDayWorked", "unusedPtoHours", "payOutPto", "vacationPayOwed"] as const).filter((f) => input[f] != null);
  if (input.terminationReason == null) {
    for (const field of given) errors.add([field], UserErrorCode.INVALID_INPUT, `${field} needs a terminationReason: the final pay is planned only with one`);
    return null;
  }
  if (input.noticeGivenOn != null && input.noticeGivenOn > input.endDate) {
    errors.add(["noticeGivenOn"], UserErrorCode.INVALID_DATE_RANGE, `noticeGivenOn must be on or before the end date ${input.endDate}`);
  }
  if (input.lastDayWorked != null && input.lastDayWorked > input.endDate) {
    errors.add(["lastDayWorked"], UserErrorCode.INVALID_DATE_RANGE, `lastDayWorked must be on or before the end date ${input.endDate}`);
  }
  let ptoHundredths: number | null = null;
  if (input.unusedPtoHours != null) {
    ptoHundredths = parsePtoHours(input.unusedPtoHours);
    if (ptoHundredths === null) errors.add(["unusedPtoHours"], UserErrorCode.INVALID_INPUT, "unusedPtoHours must be between 0 and 10000 with at most two decimals");
  }
  let vacationPayOwed: ParsedOffboarding["vacationPayOwed"] = null;
  if (input.vacationPayOwed != null) {
    const cents = parseMinorUnits(input.vacationPayOwed.amount);
    if (cents === null || cents < 0) errors.add(["vacationPayOwed", "amount"], UserErrorCode.INVALID_AMOUNT, "vacationPayOwed must be zero or more, with at most two decimals");
    else vacationPayOwed = { cents, currency: input.vacationPayOwed.currency };
  }
  return {
    reason: input.terminationReason,
    noticeGivenOn: input.noticeGivenOn ?? null,
    lastDayWorked: input.lastDayWorked ?? null,
    ptoHundredths,
    payOutPto: input.payOutPto ?? false,
    vacationPayOwed,
  };
}

/**
 * The final pay of an employee engagement ending on `endDate` (reads only; userErrors for what the caller must
 * supply). Null for a contractor: contractors have no final-pay deadline nor vacation pay.
 */
export async function prepareFinalPay(tx: Db, engagement: EngagementRow, endDate: string, parsed: ParsedOffboarding): Promise<CommandResult<PreparedFinalPay | null>> {
  const jurisdiction = engagement.workJurisdiction;
  const country = countryOf(jurisdiction);
  if (parsed.lastDayWorked !== null && parsed.lastDayWorked < engagement.startDate) {
    return failed(userError(["lastDayWorked"], UserErrorCode.INVALID_DATE_RANGE, `lastDayWorked must be on or after the start date ${engagement.startDate}`));
  }
  if (!isEmployee(engagement.classification)) {
    if (parsed.ptoHundredths !== null || parsed.vacationPayOwed !== null) {
      return failed(userError([parsed.ptoHundredths !== null ? "unusedPtoHours" : "vacationPayOwed"], UserErrorCode.INVALID_INPUT, "A contractor has no vacation/PTO payout"));
    }
    return succeeded(null);
  }
  const currency = currencyOf(country);

  // The pay period containing the end date, from the engagement's schedule (null without one).
  const schedule = engagement.payScheduleId ? await finalPayRepository.schedule(tx, engagement.clientId, engagement.payScheduleId) : null;
  const period = schedule && schedule.firstPeriodStart <= endDate ? (generatePayPeriodsThrough(schedule, endDate).at(-1) ?? null) : null;
  const deadline = finalPayDeadline({
    jurisdiction,
    reason: parsed.reason,
    endDate,
    noticeGivenOn: parsed.noticeGivenOn,
    nextRegularPayDate: period?.payDate ?? null,
    payPeriodDays: period ? dayNumber(period.endDate) - dayNumber(period.startDate) + 1 : null,
  });

  // Vacation / PTO payout.
  const decision = ptoPayoutDecision({ jurisdiction, startDate: engagement.startDate, endDate, optIn: parsed.payOutPto });
  let ptoPayout = 0;
  if (country === "CA") {
    if (parsed.vacationPayOwed !== null) {
      if (parsed.vacationPayOwed.currency !== currency) {
        return failed(userError(["vacationPayOwed", "currency"], UserErrorCode.CURRENCY_MISMATCH, `The engagement is paid in ${currency}, not ${parsed.vacationPayOwed.currency}`));
      }
      ptoPayout = parsed.vacationPayOwed.cents;
    } else if (parsed.ptoHundredths === null) {
      return failed(
        userError(
          ["vacationPayOwed"],
          UserErrorCode.VACATION_PAY_OWED_REQUIRED,
          `Vacation pay owed is payable when employment ends in ${jurisdiction} (${decision.citation}): give vacationPayOwed (0 when none) or unusedPtoHours`,
        ),
      );
    }
  } else if (parsed.vacationPayOwed !== null) {
    return failed(userError(["vacationPayOwed"], UserErrorCode.INVALID_INPUT, "vacationPayOwed is for Canadian employees: give unusedPtoHours"));
  } else if (decision.pay && parsed.ptoHundredths === null) {
    return failed(
      userError(
        ["unusedPtoHours"],
        UserErrorCode.PTO_HOURS_REQUIRED,
        decision.citation === null
          ? "payOutPto is true: give unusedPtoHours (0 when none)"
          : `${jurisdiction} requires accrued, unused vacation to be paid at separation (${decision.citation}): give unusedPtoHours (0 when none)`,
      ),
    );
  }
  if (decision.pay && parsed.ptoHundredths !== null && parsed.ptoHundredths > 0 && !(country === "CA" && parsed.vacationPayOwed !== null)) {
    const compensation = await finalPayRepository.compensationOn(tx, engagement.clientId, engagement.id, endDate);
    if (compensation === null || compensation.basis === "FIXED_FEE") {
      return failed(userError(["unusedPtoHours"], UserErrorCode.INVALID_INPUT, "No salary or hourly rate is in effect on the end date to value the PTO hours"));
    }
    ptoPayout = ptoPayoutCents(compensation.basis, compensation.amount, parsed.ptoHundredths);
  }

  const lastPaid = await finalPayRepository.lastPaidPeriodEnd(tx, engagement.clientId, engagement.id);
  return succeeded(planFinalPay({ engagement, endDate, parsed, period, deadline, decision, ptoPayout, lastPaidPeriodEnd: lastPaid }));
}

/**
 * Writes the prepared final pay after the engagement's end: the OFF_CYCLE run (DRAFT, paid on the deadline) when
 * the next regular payday is too late, the final pay row, and the events (`payrollRun.created`,
 * `engagement.finalPayScheduled`, `engagement.recordOfEmploymentProduced`). No amount goes into an event.
 */
export async function recordFinalPay(tx: Db, actor: EventInput["actor"], engagement: EngagementRow, prepared: PreparedFinalPay): Promise<FinalPayRow> {
  let payrollRunId: string | null = null;
  if (prepared.row.paidBy === "OFF_CYCLE_RUN") {
    const run = await payrollRepository.insertRun(tx, {
      id: newId(),
      clientId: engagement.clientId,
      employerEntityId: prepared.employerEntityId,
      payPeriodId: null,
      kind: "OFF_CYCLE",
      status: "DRAFT",
      currency: prepared.row.currency,
      payDate: prepared.row.deadline,
    });
    payrollRunId = run.id;
    await recordEvent(tx, {
      clientId: engagement.clientId,
      type: "payrollRun.created",
      objectType: "PayrollRun",
      objectId: run.id,
      actor,
      after: {
        kind: run.kind,
        status: run.status,
        payPeriodId: null,
        payDate: run.payDate,
        currency: run.currency,
        employerEntityId: run.employerEntityId,
        finalPayOf: engagement.id,
      },
    });
  }
  const row = await finalPayRepository.insert(tx, { ...prepared.row, id: newId(), clientId: engagement.clientId, engagementId: engagement.id, payrollRunId });
  await recordEvent(tx, {
    clientId: engagement.clientId,
    type: "engagement.finalPayScheduled",
    objectType: "Engagement",
    objectId: engagement.id,
    actor,
    after: {
      terminationReason: row.terminationReason,
      finalPayCase: row.finalPayCase,
      deadline: row.deadline,
      statuteFound: row.statuteFound,
      paidBy: row.paidBy,
      payrollRunId,
      nextRegularPayDate: row.nextRegularPayDate,
    },
  });
  if (prepared.roe) {
    await recordEvent(tx, {
      clientId: engagement.clientId,
      type: "engagement.recordOfEmploymentProduced",
      objectType: "Engagement",
      objectId: engagement.id,
      actor,
      after: prepared.roe,
    });
  }
  return row;
}
