import { employerPremium, eiPremium, pensionContributions, qpipPremium, regularShare } from "./contributions";
import { pos, Q, qmax, qmin } from "./exact";
import { type CreditBases, federalTax, type FederalTax, provincialTax, type ProvincialTax } from "./income-tax";
import type { Edition, PensionPlanTable } from "./tables/types";

/**
 * One pay period under T4127 Option 1 ("Payroll Deductions Formulas", Ch. 4, 6 and 7), with the bonus method
 * for non-periodic payments. Pure and exact; every factor the guide names is returned so the official worked
 * examples can be checked factor by factor.
 *
 * Factors the paycheck contract does not carry are zero, as T4127 prescribes when they do not apply: F2
 * (court-ordered support), HD (prescribed zone), F1 (authorized annual deductions), K3/K3P (other authorized
 * credits), LCF/LCP (labour-sponsored funds), L (extra tax), Y (Ontario dependants). F, U1, F3, F4, B1, F5BYTD,
 * the year-to-date annualization and PM (default 12) can be passed to this internal function, which the official
 * examples need.
 */
export interface T4127Input {
  edition: Edition;
  /** Two-letter province or territory of employment ("ON", "QC", …). */
  province: string;
  /** P: pay periods in the year. */
  periodsPerYear: number;
  /** PM: months for which CPP/QPP contributions are required (default 12). */
  pensionableMonths?: number;
  /** I: regular (periodic) remuneration of the period. */
  regular: Q;
  /** B: non-periodic payment (bonus) of the period. */
  bonus: Q;
  /** TD1 claims (TC, TCP); undefined → the basic amounts the law applies when no TD1 is filed. */
  federalClaim?: Q;
  provincialClaim?: Q;
  exemptCpp?: boolean;
  exemptEi?: boolean;
  exemptQpip?: boolean;
  /**
   * Income deductions the paycheck contract does not carry yet (internal use and the official examples):
   * F (RPP/RRSP per period), U1 (union dues per period), F3 (RPP/RRSP taken from the bonus),
   * F4 (RPP/RRSP taken from the year-to-date bonuses).
   */
  deductions?: { F?: Q; U1?: Q; F3?: Q; F4?: Q };
  /**
   * Taxable benefits of the period (employer-paid premiums and contributions, benefits/apply.ts):
   * `taxable` is added to I for income tax, `pensionable` to PI, `insurable` to IE (EI), `qpip` to the QPIP
   * earnings (CRA T4130: a non-cash benefit is pensionable, not insurable; Revenu Québec: benefits in kind are not
   * subject to QPIP).
   */
  benefits?: { taxable: Q; pensionable: Q; insurable: Q; qpip: Q };
  /**
   * The year-to-date variant of Step 1 used by T4127's retroactive-pay example (pp. 19–20):
   * A = (IYTD − FYTD − F5AYTD − U1YTD) + PR × (I − F − F5A − U1) instead of P × (I − F − F5A − U1).
   */
  ytdAnnualization?: { periodsRemaining: number; income: Q; F: Q; F5A: Q; U1: Q };
  ytd?: {
    pensionableEarnings?: Q;
    /** D */
    cppContributions?: Q;
    /** D2 */
    cpp2Contributions?: Q;
    insurableEarnings?: Q;
    /** D1 */
    eiPremiums?: Q;
    qpipInsurableEarnings?: Q;
    qpipPremiums?: Q;
    /** B1: non-periodic payments already paid this year. */
    bonus?: Q;
    /** F5BYTD: the F5B deductions made from those payments. */
    bonusF5B?: Q;
  };
}

export interface BonusTax {
  /** Step 1: annual tax on the annual income including the current bonus. */
  withBonus: { federal: FederalTax; provincial?: ProvincialTax };
  /** Step 2: annual tax on the annual income without the current bonus. */
  withoutBonus: { federal: FederalTax; provincial?: ProvincialTax };
  /** True when A with the bonus ≤ 5,000 and the flat rate was withheld instead. */
  flatRate: boolean;
  /** Federal tax on the bonus (TB federal part), rounded. */
  federal: Q;
  /** Provincial tax on the bonus, rounded (0 when the flat rate applies or the province is not computed). */
  provincial: Q;
}

export interface T4127Result {
  quebec: boolean;
  /** C and C2 (CPP or QPP), EI, QPIP employee amounts of the period. */
  C: Q;
  C2: Q;
  EI: Q;
  QPIP: Q;
  /** Parts attributable to the regular pay alone (what the period would have paid without the bonus). */
  regularC: Q;
  regularEI: Q;
  regularQPIP: Q;
  employer: { C: Q; C2: Q; EI: Q; QPIP: Q };
  /** F5 = C × (first additional / total rate) + C2, and its split F5A (regular) / F5B (bonus). */
  F5: Q;
  F5A: Q;
  F5B: Q;
  /** Credit bases for the regular tax (periodic K2). */
  credits: CreditBases;
  /** Annual tax on the regular pay (Option 1). */
  periodic: { federal: FederalTax; provincial?: ProvincialTax };
  bonus?: BonusTax;
  /** Federal tax of the period (regular + bonus), rounded. */
  federalTax: Q;
  /** Provincial tax of the period (regular + bonus), rounded; undefined when the province is not computed. */
  provincialTax?: Q;
  /** The period's bases (shown on the statement's lines): pensionable earnings PI, insurable earnings IE (EI) and QIE (QPIP). */
  pensionableEarnings: Q;
  insurableEarnings: Q;
  qpipInsurableEarnings: Q;
  /** The period's taxable income for income tax: I + taxable benefits − F − F5A − U1, plus B − F3 − F5B (never below zero). */
  taxableIncome: Q;
}

export function computeT4127(input: T4127Input): T4127Result {
  const { edition, periodsPerYear: P } = input;
  const quebec = input.province === "QC";
  const PM = input.pensionableMonths ?? 12;
  const plan = quebec ? edition.qpp : edition.cpp;
  const eiTable = quebec ? edition.eiQuebec : edition.ei;
  const ytd = input.ytd ?? {};
  const I = input.regular;
  const B = input.bonus;
  const benefits = input.benefits ?? { taxable: Q.ZERO, pensionable: Q.ZERO, insurable: Q.ZERO, qpip: Q.ZERO };
  const PI = I.add(B).add(benefits.pensionable);
  const IE = I.add(B).add(benefits.insurable);
  const QIE = I.add(B).add(benefits.qpip);
  // A non-periodic payment made on its own (no regular pay in the period) gets no basic exemption
  // (CRA "Bonuses, retroactive pay increases or irregular amounts": CPP "without taking into consideration the
  // annual basic exemption amount if the payment is made separately from their regular pay").
  const applyExemption = !I.isZero() || B.isZero();

  // ---- CPP / QPP, CPP2 / QPP2 (Ch. 6) ----
  const D = ytd.cppContributions ?? Q.ZERO;
  const D2 = ytd.cpp2Contributions ?? Q.ZERO;
  const pension = (pi: Q) =>
    pensionContributions({
      plan,
      periodsPerYear: P,
      pensionableMonths: PM,
      pensionableIncome: pi,
      applyExemption,
      ytdContributions: D,
      ytdSecondContributions: D2,
      ytdPensionableEarnings: ytd.pensionableEarnings ?? Q.ZERO,
    });
  const cpp = input.exemptCpp || PM === 0 ? undefined : pension(PI);
  const C = cpp?.contribution ?? Q.ZERO;
  const C2 = cpp?.secondContribution ?? Q.ZERO;
  const regularC = cpp && !B.isZero() ? regularShare(C, pension(I.add(benefits.pensionable)).contribution) : C;

  // ---- EI (Ch. 7) and QPIP (Table 8.8) ----
  const eiOf = (ie: Q) => eiPremium(eiTable, { insurableEarnings: ie, ytdPremiums: ytd.eiPremiums, ytdInsurableEarnings: ytd.insurableEarnings });
  const EI = input.exemptEi ? Q.ZERO : eiOf(IE);
  const regularEI = input.exemptEi ? Q.ZERO : B.isZero() ? EI : regularShare(EI, eiOf(I.add(benefits.insurable)));
  const qpipOf = (ie: Q) =>
    qpipPremium(edition.qpip, {
      insurableEarnings: ie,
      ytdPremiums: ytd.qpipPremiums,
      ytdInsurableEarnings: ytd.qpipInsurableEarnings,
    });
  const QPIP = quebec && !input.exemptQpip ? qpipOf(QIE) : Q.ZERO;
  const regularQPIP = quebec && !input.exemptQpip ? (B.isZero() ? QPIP : regularShare(QPIP, qpipOf(I.add(benefits.qpip)))) : Q.ZERO;

  const employer = {
    C,
    C2,
    EI: employerPremium(EI, Q.ratio(eiTable.employerMultiplier)),
    QPIP: employerPremium(QPIP, Q.ratio(edition.qpip.employerRate).div(Q.ratio(edition.qpip.employeeRate))),
  };

  // ---- F5: the enhanced (first + second additional) part, deducted from income (Ch. 4 Step 1) ----
  const F5 = C.mul(Q.ratio(plan.firstAdditionalRate)).div(Q.ratio(plan.rate)).add(C2).roundCents();
  const F5B = B.isZero() || PI.isZero() ? Q.ZERO : F5.mul(B).div(PI).roundCents();
  const F5A = B.isZero() || PI.isZero() ? F5 : F5.mul(PI.sub(B)).div(PI).roundCents();

  // ---- K2 credit bases ----
  const maxBase = Q.dollars(plan.maxBaseContribution).mul(Q.of(BigInt(PM), 12n));
  const maxEi = Q.dollars(eiTable.maxPremium);
  const maxQpip = Q.dollars(edition.qpip.maxEmployeePremium);
  const prior = {
    // Contributions on earlier non-periodic payments (B1), at the statutory rates, no exemption.
    pensionBase: (ytd.bonus ?? Q.ZERO).mul(Q.ratio(plan.baseRate)).roundCents(),
    ei: input.exemptEi ? Q.ZERO : (ytd.bonus ?? Q.ZERO).mul(Q.ratio(eiTable.rate)).roundCents(),
    qpip: quebec && !input.exemptQpip ? (ytd.bonus ?? Q.ZERO).mul(Q.ratio(edition.qpip.employeeRate)).roundCents() : Q.ZERO,
  };
  const creditBases = (extra: { pensionBase: Q; ei: Q; qpip: Q }): CreditBases => ({
    // P × (base part of C), or the year-to-date D when larger (what CRA's PDOC does; see README), capped.
    pensionBase: cpp ? qmin(maxBase, qmax(basePart(plan, regularC).mulInt(P).add(extra.pensionBase), basePart(plan, D))) : Q.ZERO,
    ei: input.exemptEi ? Q.ZERO : qmin(maxEi, qmax(regularEI.mulInt(P).add(extra.ei), ytd.eiPremiums ?? Q.ZERO)),
    qpip: quebec && !input.exemptQpip ? qmin(maxQpip, qmax(regularQPIP.mulInt(P).add(extra.qpip), ytd.qpipPremiums ?? Q.ZERO)) : Q.ZERO,
  });
  const none = { pensionBase: Q.ZERO, ei: Q.ZERO, qpip: Q.ZERO };
  const credits = creditBases(none);

  const provinceTable = edition.provinces[input.province];
  const annual = (A: Q, bases: CreditBases) => ({
    federal: federalTax(edition.federal, A, input.federalClaim, bases, quebec),
    provincial: provinceTable ? provincialTax(provinceTable, edition.federal, A, input.provincialClaim, bases) : undefined,
  });

  // ---- Step 1: A = P × (I − F − F2 − F5A − U1) − HD − F1 (F2, HD, F1 are zero here) ----
  const F = input.deductions?.F ?? Q.ZERO;
  const U1 = input.deductions?.U1 ?? Q.ZERO;
  const perPeriod = I.add(benefits.taxable).sub(F).sub(F5A).sub(U1);
  const y = input.ytdAnnualization;
  const annualRegular = y ? y.income.sub(y.F).sub(y.F5A).sub(y.U1).add(perPeriod.mulInt(y.periodsRemaining)) : perPeriod.mulInt(P);
  const periodic = annual(annualRegular, credits);
  const periodicFederal = annualRegular.isNegative() ? Q.ZERO : periodic.federal.T1.divInt(P).roundCents();
  const periodicProvincial = periodic.provincial && !annualRegular.isNegative() ? periodic.provincial.T2.divInt(P).roundCents() : undefined;

  let bonus: BonusTax | undefined;
  if (!B.isZero()) {
    // Bonus method: tax on (annual income + all bonuses of the year) − tax on (annual income + earlier bonuses).
    // A (Step 1) = regular A + (B − F3 − F5B) + (B1 − F4 − F5BYTD); Step 2 drops (B − F3 − F5B).
    const earlier = pos((ytd.bonus ?? Q.ZERO).sub(input.deductions?.F4 ?? Q.ZERO).sub(ytd.bonusF5B ?? Q.ZERO));
    const aWithout = pos(annualRegular).add(earlier);
    const aWith = aWithout.add(pos(B.sub(input.deductions?.F3 ?? Q.ZERO).sub(F5B)));
    const withoutBases = creditBases(prior);
    const withBases = creditBases({
      pensionBase: prior.pensionBase.add(basePart(plan, C.sub(regularC))),
      ei: prior.ei.add(EI.sub(regularEI)),
      qpip: prior.qpip.add(QPIP.sub(regularQPIP)),
    });
    const withBonus = annual(aWith, withBases);
    const withoutBonus = annual(aWithout, withoutBases);
    const small = edition.federal.smallBonus;
    const flatRate = aWith.le(Q.dollars(small.threshold));
    let federal: Q;
    let provincial: Q;
    if (flatRate) {
      federal = B.mul(Q.ratio(quebec ? small.quebecRate : small.rate)).roundCents();
      provincial = Q.ZERO;
    } else {
      federal = pos(withBonus.federal.T1.sub(withoutBonus.federal.T1)).roundCents();
      provincial = withBonus.provincial && withoutBonus.provincial ? pos(withBonus.provincial.T2.sub(withoutBonus.provincial.T2)).roundCents() : Q.ZERO;
    }
    bonus = { withBonus, withoutBonus, flatRate, federal, provincial };
  }

  return {
    quebec,
    C,
    C2,
    EI,
    QPIP,
    regularC,
    regularEI,
    regularQPIP,
    employer,
    F5,
    F5A,
    F5B,
    credits,
    periodic,
    bonus,
    federalTax: periodicFederal.add(bonus?.federal ?? Q.ZERO),
    provincialTax: periodicProvincial === undefined ? undefined : periodicProvincial.add(bonus?.provincial ?? Q.ZERO),
    pensionableEarnings: PI,
    insurableEarnings: IE,
    qpipInsurableEarnings: QIE,
    taxableIncome: pos(perPeriod)
      .add(pos(B.sub(input.deductions?.F3 ?? Q.ZERO).sub(F5B)))
      .roundCents(),
  };
}

/**
 * The base part of a CPP/QPP contribution, C × base rate / total rate, rounded to the cent as a contribution
 * amount. T4127's worked example (Jan 2026, pp. 18–19: weekly $1,000 → C 55.50 → base 46.17 × 52) annualizes
 * the rounded per-period base contribution; K2 = 491.63 / 468.60 there are reproduced only this way.
 */
export function basePart(plan: PensionPlanTable, contribution: Q): Q {
  return contribution.mul(Q.ratio(plan.baseRate)).div(Q.ratio(plan.rate)).roundCents();
}
