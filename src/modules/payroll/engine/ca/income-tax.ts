import { pos, Q, qmin } from "./exact";
import type { FederalTable, PhasedBasicAmount, ProvinceTable, TaxBracket } from "./tables/types";

/**
 * Annual federal and provincial tax for one annual taxable income A (T4127 Ch. 4, Option 1, Steps 2–5).
 * Each product of the formulas (R × A, K1, each bracket of K2, K4, V × A, K1P, K2P, K4P, K5P, the surtax parts,
 * the health premium, the reductions) is rounded half-up to the cent, rate ratios never: that is how T4127's worked
 * examples print their factors (A3: K2 491.63, T3 4,758.06) and what CRA's PDOC results require (a BC bonus run is
 * one cent off otherwise). A, the thresholds and the constants are exact.
 */

/** Annual amounts that earn the K2/K2P credits (already capped at the annual maxima). */
export interface CreditBases {
  /** Base CPP/QPP contributions for the year (P × C × base/total, or D when larger), ≤ max base × PM/12. */
  pensionBase: Q;
  /** EI premiums for the year (P × EI, or D1 when larger), ≤ max premium. */
  ei: Q;
  /** QPIP premiums for the year (Quebec only), ≤ max premium. */
  qpip: Q;
}

export interface FederalTax {
  A: Q;
  R: Q;
  K: Q;
  /** TC: the TD1 claim, or the BPAF for NI = A when no TD1 amount was given. */
  TC: Q;
  K1: Q;
  K2: Q;
  K4: Q;
  T3: Q;
  T1: Q;
}

export interface ProvincialTax {
  A: Q;
  V: Q;
  KP: Q;
  TCP: Q;
  K1P: Q;
  K2P: Q;
  K4P: Q;
  K5P: Q;
  T4: Q;
  /** Ontario surtax. */
  V1: Q;
  /** Ontario Health Premium. */
  V2: Q;
  /** Ontario or BC tax reduction. */
  S: Q;
  T2: Q;
}

export function bracketFor(brackets: TaxBracket[], a: Q): TaxBracket {
  let chosen = brackets[0];
  for (const b of brackets) if (a.ge(Q.dollars(b.from))) chosen = b;
  return chosen;
}

/**
 * BPAF (T4127 Ch. 4 Step 2, p. 10): max when NI ≤ start, min when NI ≥ end, otherwise
 * max − (NI − start) × ((max − min) / (end − start)), the division unrounded and the result half-up to cents.
 */
export function phasedBasicAmount(amount: PhasedBasicAmount, netIncome: Q): Q {
  const max = Q.dollars(amount.max);
  const min = Q.dollars(amount.min);
  const start = Q.dollars(amount.phaseStart);
  const end = Q.dollars(amount.phaseEnd);
  if (netIncome.le(start)) return max;
  if (netIncome.ge(end)) return min;
  const reduction = netIncome.sub(start).mul(max.sub(min)).div(end.sub(start));
  return max.sub(reduction).roundCents();
}

export function federalTax(table: FederalTable, A: Q, claim: Q | undefined, credits: CreditBases, quebec: boolean): FederalTax {
  const bracket = bracketFor(table.brackets, A);
  const R = Q.ratio(bracket.rate);
  const K = Q.dollars(bracket.constant);
  const low = Q.ratio(table.lowestRate);
  const TC = claim ?? phasedBasicAmount(table.bpaf, A);
  const K1 = low.mul(TC).roundCents();
  // K2 (K2Q in Quebec, which also credits QPIP premiums): one rounded bracket per contribution kind.
  const K2 = low
    .mul(credits.pensionBase)
    .roundCents()
    .add(low.mul(credits.ei).roundCents())
    .add(quebec ? low.mul(credits.qpip).roundCents() : Q.ZERO);
  // K4: Canada employment amount, on employment income (A here).
  const K4 = qmin(low.mul(pos(A)), low.mul(Q.dollars(table.cea))).roundCents();
  const T3 = pos(R.mul(A).roundCents().sub(K).sub(K1).sub(K2).sub(K4));
  // T1 = T3 − P × LCF (no labour-sponsored funds credit input: LCF = 0); Quebec: minus the 16.5% abatement.
  const T1 = quebec ? pos(T3.sub(Q.ratio(table.quebecAbatement).mul(T3).roundCents())) : T3;
  return { A, R, K, TC, K1, K2, K4, T3, T1 };
}

export function provincialTax(table: ProvinceTable, federal: FederalTable, A: Q, claim: Q | undefined, credits: CreditBases): ProvincialTax {
  const bracket = bracketFor(table.brackets, A);
  const V = Q.ratio(bracket.rate);
  const KP = Q.dollars(bracket.constant);
  const low = Q.ratio(table.brackets[0].rate);
  const TCP = claim ?? provincialBasicAmount(table, federal, A);
  const K1P = low.mul(TCP).roundCents();
  const K2P = low.mul(credits.pensionBase).roundCents().add(low.mul(credits.ei).roundCents());
  const K4P = table.employmentAmountCredit ? qmin(low.mul(pos(A)), low.mul(Q.dollars(table.employmentAmountCredit.cea))).roundCents() : Q.ZERO;
  const K5P = table.supplementalCredit
    ? pos(K1P.add(K2P).sub(Q.dollars(table.supplementalCredit.threshold)))
        .mul(Q.ratio(table.supplementalCredit.factor))
        .roundCents()
    : Q.ZERO;
  const T4 = pos(V.mul(A).roundCents().sub(KP).sub(K1P).sub(K2P).sub(K4P).sub(K5P));

  let V1 = Q.ZERO;
  if (table.surtax) {
    const s = table.surtax;
    V1 = Q.ratio(s.rate1)
      .mul(pos(T4.sub(Q.dollars(s.threshold1))))
      .roundCents()
      .add(
        Q.ratio(s.rate2)
          .mul(pos(T4.sub(Q.dollars(s.threshold2))))
          .roundCents(),
      );
  }
  const V2 = table.healthPremium ? healthPremium(table.healthPremium, A) : Q.ZERO;

  let S = Q.ZERO;
  if (table.ontarioReduction) {
    const basic = Q.dollars(table.ontarioReduction.basic); // + Y (dependants): not captured, Y = 0
    const t = T4.add(V1);
    S = pos(qmin(t, basic.mulInt(2).sub(t)));
  } else if (table.bcReduction) {
    const r = table.bcReduction;
    const reduction = pos(
      Q.dollars(r.max).sub(
        pos(A.sub(Q.dollars(r.phaseStart)))
          .mul(Q.ratio(r.rate))
          .roundCents(),
      ),
    );
    S = qmin(T4, reduction);
  }
  // T2 = T4 + V1 + V2 − S − P × LCP (no labour-sponsored funds credit input: LCP = 0).
  const T2 = pos(T4.add(V1).add(V2).sub(S));
  return { A, V, KP, TCP, K1P, K2P, K4P, K5P, T4, V1, V2, S, T2 };
}

export function provincialBasicAmount(table: ProvinceTable, federal: FederalTable, netIncome: Q): Q {
  const basic = table.basicAmount;
  switch (basic.kind) {
    case "fixed":
      return Q.dollars(basic.amount);
    case "federal":
      return phasedBasicAmount(federal.bpaf, netIncome);
    case "phaseOutToZero": {
      const max = Q.dollars(basic.max);
      const start = Q.dollars(basic.phaseStart);
      const end = Q.dollars(basic.phaseEnd);
      if (netIncome.le(start)) return max;
      if (netIncome.ge(end)) return Q.ZERO;
      return max.sub(netIncome.sub(start).mul(max).div(end.sub(start))).roundCents();
    }
  }
}

/** Ontario Health Premium V2 on A: the last row whose `from` is below A gives min(cap, base + rate × (A − from)). */
export function healthPremium(rows: NonNullable<ProvinceTable["healthPremium"]>, A: Q): Q {
  let premium = Q.ZERO;
  for (const row of rows) {
    const from = Q.dollars(row.from);
    if (A.gt(from)) {
      premium = qmin(Q.dollars(row.cap), Q.dollars(row.base).add(Q.ratio(row.rate).mul(A.sub(from)).roundCents()));
    }
  }
  return premium;
}
