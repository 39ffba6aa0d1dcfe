/**
 * The final pay inside a payroll calculation (pure; payroll-statements.compute.ts calls these):
 * - an OFF_CYCLE final-pay run (`PAY_FINAL`) pays the regular wages of `paysFrom … paysThrough` — prorated by
 *   calendar days of the pay period containing the end date, exactly as the regular run would have — plus the
 *   vacation/PTO payout;
 * - a REGULAR run skips those days while the final-pay run lives (`SKIP_DAYS`: not cancelled, failed or reversed),
 *   so no day is paid twice, and leaves out an engagement with nothing else to pay;
 * - a REGULAR run pays the payout with the wages when the final pay was left to it (`PAYOUT_WITH_REGULAR`).
 * The payout is taxed with the regular wages of the paycheck (IRS Pub. 15, "Vacation pay": withheld as a regular
 * wage payment; CRA: vacation pay is employment income subject to CPP, EI and tax) and shown on its own line,
 * `EARNING_PTO_PAYOUT`.
 */
import { addDays } from "../../shared/calendar";
import type { PaycheckLine } from "../payroll/engine";

export interface CalcFinalPay {
  engagementId: string;
  mode: "PAY_FINAL" | "SKIP_DAYS" | "PAYOUT_WITH_REGULAR";
  paysFrom: string;
  paysThrough: string;
  /** The pay period containing the end date (proration); null without a pay schedule. */
  period: { startDate: string; endDate: string } | null;
  /** Vacation/PTO payout, cents. */
  ptoPayout: number;
}

export const PTO_PAYOUT_LINE = "EARNING_PTO_PAYOUT";

/** The engagement's dates narrowed to what a run pays, or null when it pays none of its days. */
export function finalPayDates(
  engagement: { startDate: string; endDate: string | null },
  finalPay: CalcFinalPay | undefined,
  runKind: "REGULAR" | "OFF_CYCLE",
): { startDate: string; endDate: string | null } | null {
  if (!finalPay) return runKind === "REGULAR" ? engagement : null;
  if (finalPay.mode === "PAY_FINAL") {
    const startDate = finalPay.paysFrom > engagement.startDate ? finalPay.paysFrom : engagement.startDate;
    return startDate <= finalPay.paysThrough ? { startDate, endDate: finalPay.paysThrough } : null;
  }
  if (finalPay.mode === "SKIP_DAYS") {
    const endDate = addDays(finalPay.paysFrom, -1);
    return endDate >= engagement.startDate ? { startDate: engagement.startDate, endDate } : null;
  }
  return engagement;
}

/** The payout a run adds to the engagement's gross (cents). */
export function payoutOf(finalPay: CalcFinalPay | undefined): number {
  return finalPay && (finalPay.mode === "PAY_FINAL" || finalPay.mode === "PAYOUT_WITH_REGULAR") ? finalPay.ptoPayout : 0;
}

/** Splits the payout out of the engine's regular-earnings line (the engine taxed it with the wages). */
export function withPayoutLine(lines: PaycheckLine[], payout: number): PaycheckLine[] {
  if (payout <= 0) return lines;
  const index = lines.findIndex((l) => l.code === "EARNING_REGULAR");
  if (index < 0) return lines;
  const regular = lines[index];
  return [
    ...lines.slice(0, index),
    { ...regular, amount: regular.amount - payout },
    { code: PTO_PAYOUT_LINE, kind: "EARNING", description: "Payout of accrued, unused vacation/PTO at the end of employment", amount: payout },
    ...lines.slice(index + 1),
  ];
}
