/**
 * The pure calculation of a run: the contract types (`CalculationInputs` in, `CalculationResult` out) and the
 * rules (which compensations a period reads, regular pay, proration, the engine input of each engagement).
 * Gross-to-net for a whole payroll run as a function of its inputs: no I/O, no clock, no randomness.
 * The same `CalculationInputs` always give the same statements and blockers, in the same order (engagements
 * sorted by id). payroll-inputs.repository.ts reads the inputs, payroll-statements.repository.ts writes the
 * result, payroll-calculation.job.ts runs the three in the background; the digest of the inputs
 * (payroll-inputs-digest.ts) is what approval compares. Each paycheck is the engine's `calculatePaycheck`.
 *
 * Earnings of one engagement for a REGULAR run (documented in the README and on `PayrollRun.statements`):
 * - Only the days of the pay period on which the engagement is active count (from `startDate` to `endDate`).
 *   Each of those days is paid at the compensation in effect that day (effective-dated: the latest
 *   `effectiveFrom` on or before it). Days before the first compensation earn nothing.
 * - SALARY: annual ÷ periods per year (52, 26, 24, 12) for a full period; an engagement that starts or ends
 *   inside the period (or a compensation change inside it) is prorated by CALENDAR days:
 *   Σ annual × days / (periods per year × days in the period).
 * - FIXED_FEE (contractors): the fee per period, prorated by calendar days the same way: Σ fee × days / days in the period.
 * - HOURLY: Σ rate × hours of the time entries of the active days, each entry at the rate in effect on its date:
 *   PTO at 1×, OVERTIME entries at 1.5×, REGULAR hours classified by the work jurisdiction's overtime rules into
 *   straight time (1×), overtime (1.5×) and double time (2×) for non-exempt employees (overtime.compute.ts, which
 *   also splits them into `EARNING_REGULAR` / `EARNING_OVERTIME` / `EARNING_DOUBLE_TIME` / `EARNING_PTO` lines). No time entry at all in the period → blocker `NO_HOURS`
 *   (record 0 hours to pay nothing on purpose).
 * - The sum of all parts is carried as an exact fraction (BigInt) and rounded ONCE, half up, to the cent.
 * One-off earnings: BONUS is supplemental wages (taxed by the engine's supplemental method), REIMBURSEMENT is
 * added to net without tax. An OFF_CYCLE run pays one-off earnings only, except a final-pay run (offboarding:
 * `finalPays`), which also pays the unpaid days of an ended engagement and its vacation/PTO payout.
 */
import { compareIsoDates, dateOfDayNumber, dayNumber, PERIODS_PER_YEAR } from "../../shared/calendar";
import { LIST_LIMITS } from "../../shared/list-limits";
import { calculatePaycheck, certificatesFor } from "./engine";
import { classifyEngagementHours, emptyTally, tallyEntry, withHourlyEarningLines, type DayClassification, type HourlyTally } from "./overtime.compute";
import type {
  AppliedBenefit,
  BenefitKind,
  Certificates,
  Classification,
  EmployerRates,
  EngineBlockerCode,
  PayFrequency,
  PaycheckInput,
  PaycheckLine,
  W4Elections,
  YearToDate,
} from "./engine";
import { benefitDeductionsFor, type CalcBenefitEnrollment } from "./benefit-deductions.compute";
import { finalPayDates, payoutOf, withPayoutLine, type CalcFinalPay } from "../offboarding/final-pay-calculation";
import { isEmployee } from "../../shared/classification";
import { BENEFIT_KINDS } from "../../shared/benefit-kind";
import { usPayrollTaxBaseEffect } from "./engine/benefits/treatment";

/** Bump when the calculation rules change: it is part of the inputs digest, so a changed rule forces a recalculation. */
export const CALCULATION_RULES_VERSION = 6; // 2: overtime classification and hourly earning lines (overtime.compute.ts); 3: benefit deductions (benefit-deductions.compute.ts); 4: MISSING_PAYMENT_METHOD and ONBOARDING_INCOMPLETE; 5: employer SUI from the registrations' rates; 6: year-to-date of the whole year by approval (not pay-date order), NO_PAY_SCHEDULE, CONTRACTOR_FEE, taxable wages on tax lines

export interface CalcRun {
  id: string;
  clientId: string;
  employerEntityId: string;
  kind: "REGULAR" | "OFF_CYCLE";
  currency: "USD" | "CAD";
  payDate: string;
  /** The pay period paid (null for an off-cycle run without one). */
  period: { startDate: string; endDate: string } | null;
  /** Frequency of the period's pay schedule (null without a period). */
  frequency: PayFrequency | null;
}

export interface CalcEngagement {
  id: string;
  workerId: string;
  workJurisdiction: string;
  classification: Classification;
  startDate: string;
  endDate: string | null;
  /** Frequency of the engagement's own pay schedule (used when the run has no period). */
  scheduleFrequency: PayFrequency | null;
  /** Exempt from overtime (labor-law module): REGULAR hours are all straight time. Absent: false. */
  exempt?: boolean;
  /** An employee engagement without a pay schedule on a REGULAR run: blocked with NO_PAY_SCHEDULE. Absent: false. */
  noPaySchedule?: boolean;
}

export interface CalcCompensation {
  engagementId: string;
  basis: "SALARY" | "HOURLY" | "FIXED_FEE";
  /** Annual salary, hourly rate or fee per period, in cents. */
  amount: number;
  currency: string;
  effectiveFrom: string;
}

export interface CalcTimeEntry {
  engagementId: string;
  workDate: string;
  type: "REGULAR" | "OVERTIME" | "PTO";
  hundredthsOfHours: number;
}

export interface CalcOneOffEarning {
  id: string;
  engagementId: string;
  kind: "BONUS" | "REIMBURSEMENT";
  amount: number;
  currency: string;
}

export interface CalcWorker {
  id: string;
  w4FilingStatus: W4Elections["filingStatus"] | null;
  w4MultipleJobs: boolean | null;
  w4DependentsAmount: number | null;
  w4OtherIncome: number | null;
  w4Deductions: number | null;
  w4ExtraWithholding: number | null;
  td1FederalClaimAmount: number | null;
  td1ProvincialClaimAmount: number | null;
  /** State and provincial certificates on file, by form key (decrypted; absent when none). */
  certificates?: Certificates;
  cppExempt: boolean;
  eiExempt: boolean;
}

/** One worker's year-to-date amounts with this employer entity (cents), summed from earlier runs' statements. */
export interface CalcYearToDate {
  workerId: string;
  /** Gross (regular + supplemental) of employee statements. */
  employeeWages: number;
  /**
   * US Social Security / Medicare / FUTA wages: the gross less the §125/HSA deductions, plus imputed group-term life
   * (Social Security and Medicare). Absent: `employeeWages`.
   */
  socialSecurityWages?: number;
  medicareWages?: number;
  futaWages?: number;
  supplementalWages: number;
  /** CA: gross of statements that carried a CPP/QPP line. */
  pensionableEarnings: number;
  cppContributions: number;
  cpp2Contributions: number;
  /** CA: gross of statements that carried an EI line. */
  insurableEarnings: number;
  eiPremiums: number;
  qpipInsurableEarnings: number;
  qpipPremiums: number;
  /** Employee benefit contributions by kind (the DED_<KIND> lines), cents. */
  benefitContributions?: Partial<Record<BenefitKind, number>>;
  /** Employer benefit contributions by kind (the BEN_ER_<KIND> lines), cents. */
  benefitEmployerContributions?: Partial<Record<BenefitKind, number>>;
}

/**
 * Onboarding of one paid engagement (src/modules/onboarding/onboarding-run-inputs.ts): the kind of its worker's
 * active payment method (null: none) and the required checklist items missing on the run's reference date.
 */
export interface CalcOnboarding {
  engagementId: string;
  paymentMethodKind: "BANK_ACCOUNT" | "CHECK" | null;
  missingItems: string[];
}

/**
 * The state unemployment insurance rate of the run's employer entity's registration in a work jurisdiction, for the
 * pay date's year (src/modules/employers, `setEmployerSuiRate`). A US work jurisdiction without one: every employee
 * statement there gets the engine's MISSING_EMPLOYER_RATE blocker.
 */
export interface CalcSuiRate {
  jurisdiction: string;
  /** Percent, e.g. "3.4". */
  rate: string;
  /** Cents; null: the state's published base. */
  wageBase: number | null;
}

/** Everything a calculation reads, each list sorted (the digest depends on the order). */
export interface CalculationInputs {
  rulesVersion: number;
  /** The labor-law tables' edition (overtime rules): part of the digest. */
  laborLawRulesVersion?: string;
  run: CalcRun;
  engagements: CalcEngagement[];
  compensations: CalcCompensation[];
  timeEntries: CalcTimeEntry[];
  oneOffEarnings: CalcOneOffEarning[];
  workers: CalcWorker[];
  yearToDate: CalcYearToDate[];
  /** Benefit enrollments of the paid engagements overlapping the period (benefit-deductions.compute.ts), by id. */
  benefitEnrollments?: CalcBenefitEnrollment[];
  /** Final pays of ended engagements the run pays or skips days of (offboarding/final-pay-calculation.ts); absent when none. */
  finalPays?: CalcFinalPay[];
  /** One per engagement, in engagement order; an engagement without one is blocked (no payment method, onboarding unknown). */
  onboarding: CalcOnboarding[];
  /** US runs: the registrations' SUI rates for the pay date's year, by jurisdiction (absent for Canadian runs). */
  suiRates?: CalcSuiRate[];
}

export interface ComputedStatement {
  engagementId: string;
  currency: string;
  gross: number;
  net: number;
  employeeTaxes: number;
  employerTaxes: number;
  deductions: number;
  lines: PaycheckLine[];
  /** What the engine took per benefit plan (`planRef` = plan id). */
  benefits?: AppliedBenefit[];
}

export interface ComputedBlocker {
  /** Null for a blocker of the whole run. */
  engagementId: string | null;
  code: PayrollBlockerCode;
  message: string;
}

export interface CalculationResult {
  statements: ComputedStatement[];
  blockers: ComputedBlocker[];
}

/** Blocker codes the run calculation adds to the engine's (see `PayrollRunBlocker.blockerCode`). */
export const RUN_BLOCKER_CODES = {
  NO_HOURS: "NO_HOURS",
  MISSING_COMPENSATION: "MISSING_COMPENSATION",
  NO_PAY_FREQUENCY: "NO_PAY_FREQUENCY",
  NO_PAY_SCHEDULE: "NO_PAY_SCHEDULE",
  CURRENCY_MISMATCH: "CURRENCY_MISMATCH",
  NEGATIVE_NET_PAY: "NEGATIVE_NET_PAY",
  MISSING_PAYMENT_METHOD: "MISSING_PAYMENT_METHOD",
  ONBOARDING_INCOMPLETE: "ONBOARDING_INCOMPLETE",
} as const;
export type RunBlockerCode = (typeof RUN_BLOCKER_CODES)[keyof typeof RUN_BLOCKER_CODES];
/** A run blocker's code: the engine's or the run calculation's. */
export type PayrollBlockerCode = EngineBlockerCode | RunBlockerCode;

/** Half-up rounding of a non-negative fraction n / d (BigInt, exact). */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The compensation rows a period reads: the one in effect on the first active day, and every change after it. */
export function relevantCompensations(rows: readonly CalcCompensation[], engagement: CalcEngagement, period: { startDate: string; endDate: string }): CalcCompensation[] {
  const from = engagement.startDate > period.startDate ? engagement.startDate : period.startDate;
  const sorted = rows.filter((r) => r.effectiveFrom <= period.endDate).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let firstIndex = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i].effectiveFrom <= from) firstIndex = i;
  return sorted.slice(firstIndex);
}

interface RegularPay {
  cents: number;
  blocker: ComputedBlocker | null;
  /** Hourly pay by category (straight, overtime, double time, PTO) for the earning lines; absent without hours. */
  tally?: HourlyTally;
  /** Whether salary or fixed-fee days are part of `cents` too. */
  salaryOrFee?: boolean;
}

/**
 * Regular earnings of one engagement for the period (see the rules at the top). Exact: every part is put over
 * the common denominator P × D × 200 (P periods per year, D days in the period, 200 = 100 hundredths × 2 for the
 * 1.5 overtime factor), summed, and rounded once.
 */
export function regularPay(
  engagement: CalcEngagement,
  period: { startDate: string; endDate: string },
  frequency: PayFrequency,
  compensations: readonly CalcCompensation[],
  timeEntries: readonly CalcTimeEntry[],
  currency: string,
  classified: ReadonlyMap<string, DayClassification> = new Map(),
): RegularPay {
  const periodStart = dayNumber(period.startDate);
  const periodEnd = dayNumber(period.endDate);
  const from = Math.max(periodStart, dayNumber(engagement.startDate));
  const to = engagement.endDate === null ? periodEnd : Math.min(periodEnd, dayNumber(engagement.endDate));
  if (from > to) return { cents: 0, blocker: null }; // not active in the period (paid only one-off earnings)

  const sorted = [...compensations].sort((a, b) => compareIsoDates(a.effectiveFrom, b.effectiveFrom));
  // Segments [start, end] of active days, each with the compensation in effect.
  const segments: { start: number; end: number; comp: CalcCompensation }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = Math.max(from, dayNumber(sorted[i].effectiveFrom));
    const end = Math.min(to, i + 1 < sorted.length ? dayNumber(sorted[i + 1].effectiveFrom) - 1 : to);
    if (start <= end) segments.push({ start, end, comp: sorted[i] });
  }
  if (segments.length === 0) {
    return {
      cents: 0,
      blocker: {
        engagementId: engagement.id,
        code: RUN_BLOCKER_CODES.MISSING_COMPENSATION,
        message: `No compensation is in effect between ${dateOfDayNumber(from)} and ${dateOfDayNumber(to)}`,
      },
    };
  }
  const wrongCurrency = segments.find((s) => s.comp.currency !== currency);
  if (wrongCurrency) {
    return {
      cents: 0,
      blocker: { engagementId: engagement.id, code: RUN_BLOCKER_CODES.CURRENCY_MISMATCH, message: `Compensation is in ${wrongCurrency.comp.currency}, the run pays ${currency}` },
    };
  }

  const P = BigInt(PERIODS_PER_YEAR[frequency]);
  const D = BigInt(periodEnd - periodStart + 1);
  let numerator = 0n; // over P × D × 200
  let hourlySegments = 0;
  let entriesSeen = 0;
  const tally = emptyTally();
  for (const { start, end, comp } of segments) {
    const days = BigInt(end - start + 1);
    const amount = BigInt(comp.amount);
    if (comp.basis === "SALARY") numerator += amount * days * 200n;
    else if (comp.basis === "FIXED_FEE") numerator += amount * days * P * 200n;
    else {
      hourlySegments++;
      let weighted = 0n; // hundredths × 2 (REGULAR, PTO) or × 3 (OVERTIME)
      for (const entry of timeEntries) {
        const day = dayNumber(entry.workDate);
        if (day < start || day > end) continue;
        entriesSeen++;
        weighted += tallyEntry(tally, entry, comp.amount, classified); // hundredths × 2, 3 (1.5×) or 4 (2×)
      }
      numerator += amount * weighted * P * D;
    }
  }
  if (hourlySegments > 0 && entriesSeen === 0) {
    return {
      cents: 0,
      blocker: {
        engagementId: engagement.id,
        code: RUN_BLOCKER_CODES.NO_HOURS,
        message: `Hourly engagement without time entries between ${dateOfDayNumber(from)} and ${dateOfDayNumber(to)} (record 0 hours to pay nothing)`,
      },
    };
  }
  const cents = Number(roundHalfUp(numerator, P * D * 200n));
  const paidHours = Object.values(tally).some((t) => t.hundredths > 0);
  return paidHours ? { cents, blocker: null, tally, salaryOrFee: hourlySegments < segments.length } : { cents, blocker: null };
}

function w4Of(worker: CalcWorker | undefined): W4Elections | undefined {
  if (!worker?.w4FilingStatus) return undefined;
  return {
    filingStatus: worker.w4FilingStatus,
    multipleJobs: worker.w4MultipleJobs ?? false,
    dependentsAmount: worker.w4DependentsAmount ?? 0,
    otherIncome: worker.w4OtherIncome ?? 0,
    deductions: worker.w4Deductions ?? 0,
    extraWithholding: worker.w4ExtraWithholding ?? 0,
  };
}

function yearToDateOf(country: string, ytd: CalcYearToDate | undefined): YearToDate | undefined {
  if (!ytd) return undefined;
  const benefits = {
    ...(ytd.benefitContributions ? { benefitContributions: ytd.benefitContributions } : {}),
    ...(ytd.benefitEmployerContributions ? { benefitEmployerContributions: ytd.benefitEmployerContributions } : {}),
  };
  if (country === "US") {
    return {
      ...benefits,
      socialSecurityWages: ytd.socialSecurityWages ?? ytd.employeeWages,
      medicareWages: ytd.medicareWages ?? ytd.employeeWages,
      futaWages: ytd.futaWages ?? ytd.employeeWages,
      supplementalWages: ytd.supplementalWages,
    };
  }
  return {
    ...benefits,
    cppPensionableEarnings: ytd.pensionableEarnings,
    cppContributions: ytd.cppContributions,
    cpp2Contributions: ytd.cpp2Contributions,
    eiInsurableEarnings: ytd.insurableEarnings,
    eiPremiums: ytd.eiPremiums,
    qpipInsurableEarnings: ytd.qpipInsurableEarnings,
    qpipPremiums: ytd.qpipPremiums,
  };
}

/** The engine input of one engagement (exported for tests). */
export function paycheckInputOf(
  run: CalcRun,
  engagement: CalcEngagement,
  frequency: PayFrequency,
  gross: number,
  oneOffs: readonly CalcOneOffEarning[],
  worker: CalcWorker | undefined,
  ytd: CalcYearToDate | undefined,
  employerRates?: EmployerRates,
): PaycheckInput {
  const country = engagement.workJurisdiction.slice(0, 2);
  let supplemental = 0;
  let reimbursement = 0;
  for (const o of oneOffs) {
    if (o.kind === "BONUS") supplemental += o.amount;
    else reimbursement += o.amount;
  }
  const exemptions: NonNullable<PaycheckInput["exemptions"]> = [];
  if (worker?.cppExempt) exemptions.push("CPP");
  if (worker?.eiExempt) exemptions.push("EI");
  const td1 =
    worker && (worker.td1FederalClaimAmount !== null || worker.td1ProvincialClaimAmount !== null)
      ? {
          ...(worker.td1FederalClaimAmount !== null ? { federalClaimAmount: worker.td1FederalClaimAmount } : {}),
          ...(worker.td1ProvincialClaimAmount !== null ? { provincialClaimAmount: worker.td1ProvincialClaimAmount } : {}),
        }
      : undefined;
  // Only the work jurisdiction's forms: a certificate kept from another state is not the engine's business.
  const certificates = worker?.certificates ? certificatesFor(engagement.workJurisdiction, worker.certificates) : undefined;
  return {
    jurisdiction: engagement.workJurisdiction,
    classification: engagement.classification,
    payFrequency: frequency,
    payDate: run.payDate,
    gross,
    ...(supplemental > 0 ? { supplemental } : {}),
    ...(reimbursement > 0 ? { reimbursement } : {}),
    ...(country === "US" ? { w4: w4Of(worker) } : {}),
    ...(country === "CA" && td1 ? { td1 } : {}),
    ...(certificates ? { certificates } : {}),
    ...(exemptions.length > 0 ? { exemptions } : {}),
    ...(employerRates ? { employerRates } : {}),
    yearToDate: yearToDateOf(country, ytd),
  };
}

/** The engine's employer rates of a US work jurisdiction (an empty object when its registration has no rate: a blocker). */
function employerRatesOf(suiRates: readonly CalcSuiRate[] | undefined, jurisdiction: string): EmployerRates | undefined {
  if (suiRates === undefined || !jurisdiction.startsWith("US-")) return undefined;
  const found = suiRates.find((r) => r.jurisdiction === jurisdiction);
  if (!found) return {};
  return { suiRate: found.rate, ...(found.wageBase !== null ? { suiWageBase: found.wageBase } : {}) };
}

function sumOf(lines: readonly PaycheckLine[], kind: PaycheckLine["kind"]): number {
  let total = 0;
  for (const line of lines) if (line.kind === kind) total += line.amount;
  return total;
}

/**
 * The statements and blockers of a run, in parts of `partSize` engagements (so the caller can persist one part
 * while the next is computed). Engagements are processed in id order; the engine's blockers are kept with the
 * statement (lines that could be computed are stored), the run's own blockers (`NO_HOURS`,
 * `MISSING_COMPENSATION`, `NO_PAY_FREQUENCY`, `CURRENCY_MISMATCH`, `NEGATIVE_NET_PAY`) leave the engagement
 * without a statement.
 */
export function* computeRunStatementsInParts(inputs: CalculationInputs, partSize = 1_000): Generator<CalculationResult> {
  const { run } = inputs;
  const compsByEngagement = groupBy(inputs.compensations, (c) => c.engagementId);
  const entriesByEngagement = groupBy(inputs.timeEntries, (e) => e.engagementId);
  const oneOffsByEngagement = groupBy(inputs.oneOffEarnings, (o) => o.engagementId);
  const workers = new Map(inputs.workers.map((w) => [w.id, w]));
  // Carried forward: a worker's later engagements (id order) see the statements of the earlier ones in this run.
  const ytdByWorker = new Map(inputs.yearToDate.map((y) => [y.workerId, y]));
  const enrollmentsByEngagement = groupBy(inputs.benefitEnrollments ?? [], (e) => e.engagementId);
  const finalPaysByEngagement = new Map((inputs.finalPays ?? []).map((f) => [f.engagementId, f]));
  const onboardingByEngagement = new Map(inputs.onboarding.map((o) => [o.engagementId, o]));
  const engagements = [...inputs.engagements].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (let from = 0; from < engagements.length; from += partSize) {
    const statements: ComputedStatement[] = [];
    const blockers: ComputedBlocker[] = [];
    for (const engagement of engagements.slice(from, from + partSize)) {
      if (engagement.noPaySchedule) {
        blockers.push({
          engagementId: engagement.id,
          code: RUN_BLOCKER_CODES.NO_PAY_SCHEDULE,
          message: "The engagement has no pay schedule: assign one (updateEngagement payScheduleId) for its regular pay to be calculated",
        });
        continue;
      }
      const frequency = run.frequency ?? engagement.scheduleFrequency;
      if (frequency === null) {
        blockers.push({
          engagementId: engagement.id,
          code: RUN_BLOCKER_CODES.NO_PAY_FREQUENCY,
          message: "The run has no pay period and the engagement no pay schedule: the pay frequency is unknown",
        });
        continue;
      }
      let gross = 0;
      let hourly: RegularPay | undefined;
      const oneOffs = oneOffsByEngagement.get(engagement.id) ?? [];
      const finalPay = finalPaysByEngagement.get(engagement.id);
      const payPeriod =
        run.kind === "REGULAR" ? run.period : finalPay?.mode === "PAY_FINAL" ? (finalPay.period ?? { startDate: finalPay.paysFrom, endDate: finalPay.paysThrough }) : null;
      if (payPeriod) {
        const dates = finalPayDates(engagement, finalPay, run.kind);
        // Every day of the engagement in this period is paid by its final-pay run: nothing else to pay, no statement.
        const noDay = dates === null || (dates.endDate !== null && dates.endDate < payPeriod.startDate);
        if (noDay && finalPay?.mode === "SKIP_DAYS" && oneOffs.length === 0) continue;
        if (dates !== null) {
          const entries = entriesByEngagement.get(engagement.id) ?? [];
          const pay = regularPay(
            { ...engagement, ...dates },
            payPeriod,
            frequency,
            compsByEngagement.get(engagement.id) ?? [],
            entries,
            run.currency,
            classifyEngagementHours(engagement, entries),
          );
          if (pay.blocker) {
            blockers.push(pay.blocker);
            continue;
          }
          gross = pay.cents;
          hourly = pay;
        }
      }
      const payout = payoutOf(finalPay);
      gross += payout;
      const foreign = oneOffs.find((o) => o.currency !== run.currency);
      if (foreign) {
        blockers.push({
          engagementId: engagement.id,
          code: RUN_BLOCKER_CODES.CURRENCY_MISMATCH,
          message: `A one-off earning is in ${foreign.currency}, the run pays ${run.currency}`,
        });
        continue;
      }
      const input = paycheckInputOf(
        run,
        engagement,
        frequency,
        gross,
        oneOffs,
        workers.get(engagement.workerId),
        ytdByWorker.get(engagement.workerId),
        employerRatesOf(inputs.suiRates, engagement.workJurisdiction),
      );
      const benefitEnrollments = enrollmentsByEngagement.get(engagement.id);
      if (benefitEnrollments && run.kind === "REGULAR" && run.period) {
        const benefitDeductions = benefitDeductionsFor(benefitEnrollments, run.period, input.gross + (input.supplemental ?? 0));
        if (benefitDeductions.length > 0) input.benefitDeductions = benefitDeductions;
      }
      const result = calculatePaycheck(input);
      if (result.net < 0) {
        blockers.push({
          engagementId: engagement.id,
          code: RUN_BLOCKER_CODES.NEGATIVE_NET_PAY,
          message: "Withholding exceeds the earnings of the period (check the W-4 extra withholding)",
        });
        continue;
      }
      for (const b of result.blockers) blockers.push({ engagementId: engagement.id, code: b.code, message: b.message });
      const lines = withHourlyEarningLines(withPayoutLine(result.lines, payout), gross - payout, hourly?.tally, hourly?.salaryOrFee ?? false);
      blockers.push(...onboardingBlockers(run, engagement, onboardingByEngagement.get(engagement.id)));
      assertStatementLines(lines.length);
      ytdByWorker.set(engagement.workerId, withStatement(ytdByWorker.get(engagement.workerId), engagement, lines));
      statements.push({
        engagementId: engagement.id,
        currency: result.currency,
        gross: result.gross,
        net: result.net,
        employeeTaxes: sumOf(lines, "EMPLOYEE_TAX"),
        employerTaxes: sumOf(lines, "EMPLOYER_TAX"),
        deductions: sumOf(lines, "DEDUCTION"),
        lines,
        ...(result.appliedBenefits && result.appliedBenefits.length > 0 ? { benefits: result.appliedBenefits } : {}),
      });
    }
    yield { statements, blockers };
  }
}

/**
 * Stored lines that move a US federal payroll-tax base away from the sum of EARNING lines: `DED_<KIND>` of §125/HSA
 * kinds come off Social Security, Medicare and FUTA wages, `EARNING_IMPUTED_GTL` adds to Social Security and
 * Medicare wages (engine/benefits/treatment.ts). Read by the year-to-date query (payroll-inputs.repository.ts) and
 * by `withStatement`, so both sum a statement the same way.
 */
export const US_BASE_LINES = (() => {
  const codes = ["EARNING_IMPUTED_GTL", ...BENEFIT_KINDS.map((k) => `DED_${k}`)];
  const of = (base: "SOCIAL_SECURITY" | "MEDICARE" | "FUTA", sign: 1 | -1) => codes.filter((c) => usPayrollTaxBaseEffect(c)[base] === sign);
  return {
    socialSecurity: { add: of("SOCIAL_SECURITY", 1), subtract: of("SOCIAL_SECURITY", -1) },
    medicare: { add: of("MEDICARE", 1), subtract: of("MEDICARE", -1) },
    futa: { add: of("FUTA", 1), subtract: of("FUTA", -1) },
  };
})();

/**
 * A worker's year-to-date amounts with one more statement added (pure; the same sums as the year-to-date query of
 * payroll-inputs.repository.ts): how a run carries the year-to-date from one engagement of a worker to the next, so
 * two engagements paid by one run share the wage bases instead of each starting from the same figures.
 */
export function withStatement(ytd: CalcYearToDate | undefined, engagement: Pick<CalcEngagement, "workerId" | "classification">, lines: readonly PaycheckLine[]): CalcYearToDate {
  const next: CalcYearToDate = ytd
    ? {
        ...ytd,
        ...(ytd.benefitContributions ? { benefitContributions: { ...ytd.benefitContributions } } : {}),
        ...(ytd.benefitEmployerContributions ? { benefitEmployerContributions: { ...ytd.benefitEmployerContributions } } : {}),
      }
    : {
        workerId: engagement.workerId,
        employeeWages: 0,
        supplementalWages: 0,
        pensionableEarnings: 0,
        cppContributions: 0,
        cpp2Contributions: 0,
        insurableEarnings: 0,
        eiPremiums: 0,
        qpipInsurableEarnings: 0,
        qpipPremiums: 0,
      };
  const has = (...codes: string[]) => lines.some((l) => codes.includes(l.code));
  const sum = (match: (l: PaycheckLine) => boolean) => lines.reduce((total, l) => (match(l) ? total + l.amount : total), 0);
  const earnings = sum((l) => l.kind === "EARNING");
  const base = (b: { add: string[]; subtract: string[] }) => earnings + sum((l) => b.add.includes(l.code)) - sum((l) => b.subtract.includes(l.code));
  if (isEmployee(engagement.classification)) {
    next.socialSecurityWages = (next.socialSecurityWages ?? next.employeeWages) + base(US_BASE_LINES.socialSecurity);
    next.medicareWages = (next.medicareWages ?? next.employeeWages) + base(US_BASE_LINES.medicare);
    next.futaWages = (next.futaWages ?? next.employeeWages) + base(US_BASE_LINES.futa);
    next.employeeWages += earnings;
    next.supplementalWages += sum((l) => l.code === "EARNING_SUPPLEMENTAL");
  }
  if (has("CA_CPP_EE", "CA_QPP_EE")) next.pensionableEarnings += earnings;
  next.cppContributions += sum((l) => l.code === "CA_CPP_EE" || l.code === "CA_QPP_EE");
  next.cpp2Contributions += sum((l) => l.code === "CA_CPP2_EE" || l.code === "CA_QPP2_EE");
  if (has("CA_EI_EE")) next.insurableEarnings += earnings;
  next.eiPremiums += sum((l) => l.code === "CA_EI_EE");
  if (has("CA_QPIP_EE")) next.qpipInsurableEarnings += earnings;
  next.qpipPremiums += sum((l) => l.code === "CA_QPIP_EE");
  for (const l of lines) {
    const employer = l.code.startsWith("BEN_ER_");
    if (!employer && !l.code.startsWith("DED_")) continue;
    const kind = l.code.slice(employer ? 7 : 4) as BenefitKind;
    if (!(BENEFIT_KINDS as readonly string[]).includes(kind)) continue;
    const bucket = employer ? (next.benefitEmployerContributions ??= {}) : (next.benefitContributions ??= {});
    bucket[kind] = (bucket[kind] ?? 0) + l.amount;
  }
  return next;
}

/**
 * The payment and onboarding blockers of one engagement (its statement is kept, like an engine blocker's: the pay is
 * known, it cannot be paid yet). An employee or contractor without an active payment method: MISSING_PAYMENT_METHOD.
 * Required onboarding items missing once the engagement has started by the run's reference date (its first run,
 * and every later one until complete): ONBOARDING_INCOMPLETE naming them (the payment method is left to the
 * blocker above).
 */
export function onboardingBlockers(run: CalcRun, engagement: CalcEngagement, onboarding: CalcOnboarding | undefined): ComputedBlocker[] {
  const blockers: ComputedBlocker[] = [];
  if (!onboarding?.paymentMethodKind) {
    blockers.push({
      engagementId: engagement.id,
      code: RUN_BLOCKER_CODES.MISSING_PAYMENT_METHOD,
      message: "The worker has no payment method: set a bank account or a check with setPaymentMethod",
    });
  }
  const reference = run.period?.endDate ?? run.payDate;
  const missing = onboarding ? onboarding.missingItems.filter((item) => item !== "PAYMENT_METHOD") : ["onboarding facts unknown"];
  if (missing.length > 0 && engagement.startDate <= reference) {
    blockers.push({
      engagementId: engagement.id,
      code: RUN_BLOCKER_CODES.ONBOARDING_INCOMPLETE,
      message: `Onboarding is incomplete (the engagement started ${engagement.startDate}): missing ${missing.join(", ")}`,
    });
  }
  return blockers;
}

/**
 * `PayStatement.lines` is declared with a hard maximum (one line per code): the graph's cost rule relies on it, so
 * an engine that produced more is a bug that must fail the calculation, not a statement the graph cannot price.
 */
export function assertStatementLines(count: number): void {
  if (count > LIST_LIMITS.statementLines) throw new Error(`The engine produced ${count} lines for one statement; at most ${LIST_LIMITS.statementLines} are allowed`);
}

/** The whole run at once (see `computeRunStatementsInParts`). */
export function computeRunStatements(inputs: CalculationInputs): CalculationResult {
  const result: CalculationResult = { statements: [], blockers: [] };
  for (const part of computeRunStatementsInParts(inputs)) {
    result.statements.push(...part.statements);
    result.blockers.push(...part.blockers);
  }
  return result;
}
