/**
 * Payout of accrued, unused vacation/PTO at the end of employment, as data, and the pure amount calculation.
 * There is no accrual ledger: the caller states the unused hours (`unusedPtoHours`) or, in Canada, the vacation pay
 * owed (`vacationPayOwed`). Every entry cites its source; `secondary: true` marks what was read from secondary
 * summaries only (module README).
 *
 * United States: a payout is paid where the state requires it (`required`) or where the client opts in
 * (`payOutPto`: a policy or contract that promises it); elsewhere nothing is paid and the result says why.
 * Canada: vacation pay owed is always payable when employment ends (every province's standards), so it is required.
 */

/** Half-up rounding of a non-negative fraction n / d (BigInt, exact). */
function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

export interface PtoPayoutRule {
  jurisdiction: string;
  /** ALWAYS: accrued vacation is wages, payable at separation; AFTER_ONE_YEAR: after a full year of service. */
  required: "ALWAYS" | "AFTER_ONE_YEAR";
  citation: string;
  secondary?: boolean;
}

export const PTO_PAYOUT_RULES: readonly PtoPayoutRule[] = [
  { jurisdiction: "US-CA", required: "ALWAYS", citation: "Cal. Lab. Code §227.3 (vested vacation paid as wages at termination; no forfeiture)" },
  {
    jurisdiction: "US-CO",
    required: "ALWAYS",
    citation: "C.R.S. §8-4-101(14)(a)(III) (earned vacation pay is wages); Nieto v. Clark's Market, 2021 CO 48 (no forfeiture at separation)",
  },
  { jurisdiction: "US-IL", required: "ALWAYS", citation: "820 ILCS 115/5 (final compensation includes earned vacation under the employer's policy or contract)" },
  { jurisdiction: "US-LA", required: "ALWAYS", citation: "La. R.S. 23:631(D) (accrued, unused vacation is an amount then due at discharge or resignation)", secondary: true },
  { jurisdiction: "US-MA", required: "ALWAYS", citation: "M.G.L. c.149 §148 (holiday or vacation payments due under an oral or written agreement are wages)" },
  { jurisdiction: "US-MT", required: "ALWAYS", citation: "Mont. Code §39-3-201(6) (wages include vacation pay); Langager v. Crazy Creek Products (1998)", secondary: true },
  { jurisdiction: "US-NE", required: "ALWAYS", citation: "Neb. Rev. Stat. §48-1229(6) (wages include earned but unused vacation leave)", secondary: true },
  { jurisdiction: "US-RI", required: "AFTER_ONE_YEAR", citation: "R.I. Gen. Laws §28-14-4(b) (vacation pay due after one full year of service)", secondary: true },
];

const PTO_RULES = new Map(PTO_PAYOUT_RULES.map((r) => [r.jurisdiction, r]));

export interface PtoPayoutFacts {
  jurisdiction: string;
  startDate: string;
  endDate: string;
  /** The client's policy or contract promises a payout (US). */
  optIn: boolean;
}

export interface PtoPayoutDecision {
  pay: boolean;
  /** Why, with the citation. */
  ruleText: string;
  citation: string | null;
}

/** Whether unused vacation/PTO is paid out (pure). */
export function ptoPayoutDecision(facts: PtoPayoutFacts): PtoPayoutDecision {
  if (facts.jurisdiction.startsWith("CA-")) {
    return {
      pay: true,
      ruleText: "Vacation pay owed is paid when employment ends",
      citation:
        "Provincial employment standards, e.g. Employment Standards Act, 2000 (Ontario), s. 38; Employment Standards Act (British Columbia), s. 58(3); Employment Standards Code (Alberta), s. 42",
    };
  }
  const rule = PTO_RULES.get(facts.jurisdiction);
  if (rule) {
    const oneYear = oneYearOfService(facts.startDate, facts.endDate);
    if (rule.required === "ALWAYS" || oneYear) return { pay: true, ruleText: "Accrued, unused vacation is wages payable at separation", citation: rule.citation };
    if (facts.optIn) return { pay: true, ruleText: "Paid under the client's policy (less than one year of service: not required by statute)", citation: rule.citation };
    return { pay: false, ruleText: "Not required before one full year of service", citation: rule.citation };
  }
  if (facts.optIn) return { pay: true, ruleText: "Paid under the client's policy or contract (no state payout statute recorded)", citation: null };
  return {
    pay: false,
    ruleText: `No payout statute is recorded for ${facts.jurisdiction}: unused PTO is paid only when the client's policy promises it (payOutPto)`,
    citation: null,
  };
}

function oneYearOfService(startDate: string, endDate: string): boolean {
  const [y, m, d] = startDate.split("-").map(Number);
  const anniversary = `${String(y + 1).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return endDate >= anniversary;
}

/** Hours of a full-time year used to turn an annual salary into an hourly rate (52 weeks × 40 hours). */
export const FULL_TIME_HOURS_PER_YEAR = 2080;

/**
 * The payout amount in cents, rounded once half up: HOURLY rate × hours; SALARY annual ÷ 2080 × hours.
 * `hundredths` are hundredths of an hour (7.5 h = 750).
 */
export function ptoPayoutCents(basis: "SALARY" | "HOURLY" | "FIXED_FEE", amountCents: number, hundredths: number): number {
  if (basis === "HOURLY") return Number(roundHalfUp(BigInt(amountCents) * BigInt(hundredths), 100n));
  if (basis === "SALARY") return Number(roundHalfUp(BigInt(amountCents) * BigInt(hundredths), BigInt(FULL_TIME_HOURS_PER_YEAR) * 100n));
  throw new Error("A fixed fee has no hourly rate: contractors have no PTO payout");
}
