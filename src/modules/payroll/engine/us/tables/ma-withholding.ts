/**
 * Massachusetts income tax withholding, 2026 — MA DOR Circular M "Income Tax Withholding Tables at 5.0%, Effective
 * January 1, 2026" (Rev. 12/25): percentage method for wages (p. 12) — subtract FICA / Medicare (at most $2,000 a
 * year) and the exemption factor (n × per-exemption + base, n ≥ 1), annualize, 5% up to $1,107,750 and 9% (5% + the
 * 4% surtax) above, de-annualize, then subtract the head-of-household and blindness values; no withholding when one
 * or more exemptions are claimed and the wages are below the low-wage threshold. Supplemental wage payments:
 * section G (p. 13) and its worked example ($350,000 bonus on a $948,000 salary → $24,854).
 *
 * Confidence MED-HIGH, SECONDARY: Circular M could not be opened here; two independent public transcriptions of
 * the (Rev. 12/25) edition agree on every figure below, and the section G example reproduces. 2025 is not
 * transcribed (MISSING_TAX_TABLE).
 */
import type { PayFrequency } from "../../types";
import { pct, usd, type Rate } from "../money";

export interface MaWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** 5% + the 4% surtax, on annualized wages above the threshold. */
  readonly surtaxRate: Rate;
  readonly surtaxThreshold: bigint;
  /** Step 1: FICA/Medicare subtracted, at most this a year, cents. */
  readonly ficaDeductionCap: bigint;
  /** Step 2: n × perExemption + base (n ≥ 1), per period, cents. */
  readonly exemptionFactor: Readonly<Record<PayFrequency, { readonly perExemption: bigint; readonly base: bigint }>>;
  readonly headOfHousehold: Readonly<Record<PayFrequency, bigint>>;
  /** Per blind person (employee, spouse). */
  readonly blindness: Readonly<Record<PayFrequency, bigint>>;
  /** No withholding below these wages when one or more exemptions are claimed. */
  readonly noWithholdingBelow: Readonly<Record<PayFrequency, bigint>>;
}

const factor = (perExemption: string, base: string) => ({ perExemption: usd(perExemption), base: usd(base) });

export const MA_WITHHOLDING: Readonly<Record<number, MaWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "MA DOR Circular M (Rev. 12/25) percentage method p. 12, section G p. 13 (secondary: two transcriptions agree)",
    rate: pct("5"),
    surtaxRate: pct("9"),
    surtaxThreshold: usd("1107750"),
    ficaDeductionCap: usd("2000"),
    exemptionFactor: { WEEKLY: factor("19", "66"), BIWEEKLY: factor("38", "131"), SEMIMONTHLY: factor("42", "141"), MONTHLY: factor("83", "284") },
    headOfHousehold: { WEEKLY: usd("2.31"), BIWEEKLY: usd("4.62"), SEMIMONTHLY: usd("5.00"), MONTHLY: usd("10.00") },
    blindness: { WEEKLY: usd("2.12"), BIWEEKLY: usd("4.23"), SEMIMONTHLY: usd("4.58"), MONTHLY: usd("9.17") },
    noWithholdingBelow: { WEEKLY: usd("154"), BIWEEKLY: usd("308"), SEMIMONTHLY: usd("333"), MONTHLY: usd("667") },
  },
};
