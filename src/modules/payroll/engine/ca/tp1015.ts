import { pos, Q } from "./exact";
import type { PensionPlanTable, QuebecTable } from "./tables/types";

/**
 * Quebec income tax to withhold for one pay period: Revenu Québec TP-1015.F (2026-01) section 2.1 "Calcul de la
 * retenue d'impôt sur la base de paiements réguliers" — 2.1.1 for regular pay (pp. 12–17) and the second method of
 * 2.1.2 for bonuses, retroactive pay and similar lump sums (pp. 23–26). Pure and exact; every variable of the
 * publication is returned so its worked examples (Annexes 1 and 2, pp. 46–50) can be checked one by one.
 *
 * Rounding, as the publication's examples apply it: H, CSA and CSB to the cent; E to whole dollars, half up (the
 * formula's own rule, p. 16); each product T × I, 0.14 × E, 0.15 × P × Q to the cent; A = Y ÷ P to the cent. All
 * half up. Annexe 1 reproduces to the cent this way (T × I = 0.19 × 96,345.08 = 18,305.57; A = 11,557.37 ÷ 26 = 444.51).
 *
 * Factors the paycheck contract does not carry are zero, as the publication prescribes when they do not apply: K1
 * and J1 (amounts authorized on form TP-1016), Q and Q1 (FTQ / Fondaction share purchases withheld at source), and
 * B1 / CSB1 (lump sums paid earlier in the year). They can be passed to this internal function for the examples.
 */
export interface Tp1015Input {
  table: QuebecTable;
  /** QPP rates (the 0.01 ÷ 0.0630 of CS). */
  qpp: PensionPlanTable;
  /** P: pay periods in the year. */
  periodsPerYear: number;
  /** G: gross remuneration subject to withholding for the period, lump sums excluded (taxable benefits included). */
  G: Q;
  /** D: gross salary of the period for the deduction for workers (lump sums excluded); defaults to G. */
  D?: Q;
  /** F: RPP, RRSP, VRSP/PRPP, FHSA… contributions withheld for the period. */
  F?: Q;
  /** C and C2: the employee's QPP contributions of the period (base + first additional, second additional). */
  C: Q;
  C2: Q;
  /** S3: QPP pensionable salary of the period, lump sums included. */
  S3: Q;
  /** B2: lump sums (bonus, retroactive pay) paid in the period, gross. */
  B2?: Q;
  /** The part of F taken from B2 (the publication: "réduire la variable B2 en conséquence"). */
  F3?: Q;
  /** E: personal tax credit amounts of TP-1015.3 line 10 (lines 7 + 9), annual; undefined → the basic personal amount. */
  E?: Q;
  /** J: deductions of TP-1015.3 line 19, annual. */
  J?: Q;
  /** J1: annual deductions authorized on TP-1016. */
  J1?: Q;
  /** K1: non-refundable credits authorized on TP-1016, annual. */
  K1?: Q;
  /** Q, Q1: FTQ and Fondaction share purchases withheld for the period. */
  Qftq?: Q;
  Q1?: Q;
  /** L: additional withholding requested per period (TP-1015.3 line 11 or TP-1017). */
  L?: Q;
  /** B1 and CSB1: lump sums of the year before this period, and their CSB. */
  B1?: Q;
  CSB1?: Q;
}

export interface Tp1015Result {
  H: Q;
  CS: Q;
  CSA: Q;
  CSB: Q;
  /** E as used (whole dollars), and whether it is the basic personal amount because no TP-1015.3 is on file. */
  E: Q;
  basicAmountDefault: boolean;
  /** Step 1: annual taxable income on the regular pay. */
  I: Q;
  /** Step 2: annual tax. */
  Y: Q;
  /** Step 3: tax to withhold on the regular pay (L included). */
  A: Q;
  /** Lump sum of the period (second method, or the flat 7%). */
  lumpSum?: { I: Q; T: Q; flatRate: boolean; A: Q };
  /** A + the lump-sum tax. */
  total: Q;
}

export function computeTp1015(input: Tp1015Input): Tp1015Result {
  const { table, qpp, periodsPerYear: P } = input;
  const zero = Q.ZERO;
  const G = input.G;
  const D = input.D ?? G;
  const F = input.F ?? zero;
  const B2 = input.B2 ?? zero;
  const S3 = input.S3;

  // H: deduction for workers, 0.06 × D up to 1,450 ÷ P (p. 13).
  const hRaw = D.mul(Q.ratio(table.workerDeductionRate));
  const hMax = Q.dollars(table.workerDeductionMax).divInt(P);
  const H = pos(hRaw.lt(hMax) ? hRaw : hMax).roundCents();

  // CS = C × (0.01 ÷ 0.0630) + C2; CSA = CS × (S3 − B2) ÷ S3; CSB = CS × B2 ÷ S3 (pp. 14 and 21).
  const CS = input.C.mul(Q.ratio(qpp.firstAdditionalRate)).div(Q.ratio(qpp.rate)).add(input.C2);
  const CSA = S3.isZero() || S3.isNegative() ? zero : CS.mul(S3.sub(B2)).div(S3).roundCents();
  const CSB = S3.isZero() || S3.isNegative() ? zero : CS.mul(B2).div(S3).roundCents();

  // Step 1: I = P × (G − F − H − CSA) − J − J1, at least 0.
  const J = input.J ?? zero;
  const J1 = input.J1 ?? zero;
  const perPeriod = G.sub(F).sub(H).sub(CSA);
  const I = pos(perPeriod.mulInt(P).sub(J).sub(J1));

  // E = E1 + E2 rounded to whole dollars, half up; no TP-1015.3 → the basic personal amount (p. 16).
  const basicAmountDefault = input.E === undefined;
  const E = (input.E ?? Q.dollars(table.basicPersonalAmount)).roundDollars();

  // Step 2: Y = T × I − K − K1 − 0.14 × E − 0.15 × P × Q − 0.15 × P × Q1, at least 0.
  const bracket = bracketOf(table, I);
  const fund = Q.ratio(table.labourFundCreditRate);
  const Y = pos(
    Q.ratio(bracket.rate)
      .mul(I)
      .roundCents()
      .sub(Q.dollars(bracket.K))
      .sub(input.K1 ?? zero)
      .sub(Q.ratio(table.personalCreditRate).mul(E).roundCents())
      .sub(
        fund
          .mulInt(P)
          .mul(input.Qftq ?? zero)
          .roundCents(),
      )
      .sub(
        fund
          .mulInt(P)
          .mul(input.Q1 ?? zero)
          .roundCents(),
      ),
  );

  // Step 3: A = Y ÷ P + L, at least 0.
  const A = pos(
    Y.divInt(P)
      .roundCents()
      .add(input.L ?? zero),
  );

  let lumpSum: Tp1015Result["lumpSum"];
  if (!B2.isZero()) {
    const B2net = pos(B2.sub(input.F3 ?? zero));
    const B1 = input.B1 ?? zero;
    const flat = table.lumpSumFlat;
    // Note of 2.1.2 (p. 17): annual salary and lump sums of at most 18,952 → a flat 7% of the lump sum.
    if (G.mulInt(P).add(B1).add(B2).le(Q.dollars(flat.threshold))) {
      lumpSum = { I, T: Q.ratio(flat.rate), flatRate: true, A: Q.ratio(flat.rate).mul(B2net).roundCents() };
    } else {
      // Second method (pp. 23–26): I = P × (G − F − H − CSA) + B1 + B2 − CSB1 − CSB − J − J1; A = T × (B2 − CSB).
      const Ib = pos(
        perPeriod
          .mulInt(P)
          .add(B1)
          .add(B2net)
          .sub(input.CSB1 ?? zero)
          .sub(CSB)
          .sub(J)
          .sub(J1),
      );
      const T = Q.ratio(bracketOf(table, Ib).rate);
      lumpSum = { I: Ib, T, flatRate: false, A: pos(T.mul(B2net.sub(CSB)).roundCents()) };
    }
  }

  return { H, CS, CSA, CSB, E, basicAmountDefault, I, Y, A, lumpSum, total: A.add(lumpSum?.A ?? zero) };
}

function bracketOf(table: QuebecTable, I: Q): QuebecTable["brackets"][number] {
  return table.brackets.find((b) => b.upTo === undefined || I.le(Q.dollars(b.upTo))) ?? table.brackets[table.brackets.length - 1];
}
