/**
 * Shapes of the T4127 tables. Amounts are written as the publication prints them (dollar strings such as
 * "74,600" or "4,230.45", rates such as "0.0595") and converted to exact cents by the engine, so every table
 * file can be compared line by line with the PDF it cites.
 */

/** One row of Table 8.1: from annual taxable income `from` (A), rate R or V, constant K or KP. */
export interface TaxBracket {
  /** Lower bound of the bracket (A ≥ from), dollars. */
  from: string;
  /** R (federal) or V (provincial). */
  rate: string;
  /** K or KP, whole dollars, as printed. */
  constant: string;
}

/** Federal personal amount with the BPAF phase-out (T4127 Ch. 4, Step 2, "BPAF"). */
export interface PhasedBasicAmount {
  /** Amount when NI ≤ phaseStart. */
  max: string;
  /** Amount when NI ≥ phaseEnd. */
  min: string;
  phaseStart: string;
  phaseEnd: string;
}

export interface FederalTable {
  /** Citation printed on every line the table produces. */
  source: string;
  brackets: TaxBracket[];
  /** Lowest federal rate: the rate of K1, K2, K4 (T4127 Ch. 4 Step 2). */
  lowestRate: string;
  bpaf: PhasedBasicAmount;
  /** Canada employment amount (CEA), used by K4. */
  cea: string;
  /** Quebec federal abatement (T1 = T3 − 0.165 × T3 for Quebec employment). */
  quebecAbatement: string;
  /**
   * Non-periodic payments: when annual taxable income including the payment is at most `threshold`,
   * withhold a flat `rate` of the payment (Quebec: `quebecRate`, federal tax only).
   */
  smallBonus: { threshold: string; rate: string; quebecRate: string };
}

export type ProvincialBasicAmount =
  /** A fixed basic personal amount. */
  | { kind: "fixed"; amount: string }
  /** The federal BPAF formula (Yukon: BPAYT = BPAF). */
  | { kind: "federal" }
  /** Linear phase-out to zero between `phaseStart` and `phaseEnd` of net income (Manitoba BPAMB). */
  | { kind: "phaseOutToZero"; max: string; phaseStart: string; phaseEnd: string };

export interface ProvinceTable {
  /** Two-letter code, e.g. "ON"; lines are `CA_<code>_PIT`. */
  code: string;
  name: string;
  source: string;
  brackets: TaxBracket[];
  basicAmount: ProvincialBasicAmount;
  /** Ontario surtax V1: rate1 × (T4 − threshold1) + rate2 × (T4 − threshold2), each part ≥ 0. */
  surtax?: { threshold1: string; rate1: string; threshold2: string; rate2: string };
  /** Ontario Health Premium V2 on annual taxable income A: rows [from, base, rate, cap]. */
  healthPremium?: { from: string; base: string; rate: string; cap: string }[];
  /** Ontario tax reduction S = min(T4 + V1, 2 × (basic + Y) − (T4 + V1)), ≥ 0 (Y = 0 here). */
  ontarioReduction?: { basic: string };
  /** BC tax reduction S on A: full `max` up to `phaseStart`, then reduced by `rate` × (A − phaseStart). */
  bcReduction?: { max: string; phaseStart: string; rate: string };
  /** Yukon K4P: Canada employment amount credit at the lowest territorial rate. */
  employmentAmountCredit?: { cea: string };
  /** Alberta K5P = ((K1P + K2P) − threshold) × factor, ≥ 0 (supplemental tax credit). */
  supplementalCredit?: { threshold: string; factor: string };
}

/** CPP (outside Quebec) or QPP (Quebec) for one year (T4127 Ch. 6, Tables 8.3–8.6). */
export interface PensionPlanTable {
  source: string;
  /** Year's maximum pensionable earnings. */
  ympe: string;
  /** Basic exemption (annual). */
  basicExemption: string;
  /** Total employee rate (base + first additional), equal employer rate. */
  rate: string;
  /** Base rate (for K2's base-contribution credit). */
  baseRate: string;
  /** First additional rate (deducted from income through F5). */
  firstAdditionalRate: string;
  /** Maximum employee contribution (base + first additional). */
  maxContribution: string;
  /** Maximum base contribution (cap of K2's CPP part). */
  maxBaseContribution: string;
  /** Year's additional maximum pensionable earnings (CPP2 ceiling). */
  yampe: string;
  /** Second additional rate. */
  secondRate: string;
  /** Maximum second additional contribution. */
  maxSecondContribution: string;
}

/** EI for one year (T4127 Ch. 7, Table 8.7), outside Quebec or for Quebec. */
export interface EiTable {
  source: string;
  maxInsurableEarnings: string;
  rate: string;
  maxPremium: string;
  /** Employer premium = multiplier × employee premium. */
  employerMultiplier: string;
}

/** Quebec Parental Insurance Plan for one year (T4127 Table 8.8). */
export interface QpipTable {
  source: string;
  maxInsurableEarnings: string;
  employeeRate: string;
  employerRate: string;
  maxEmployeePremium: string;
  maxEmployerPremium: string;
}

/** Everything that applies to one pay date: one T4127 edition (or the part of it we could source). */
export interface Edition {
  /** e.g. "T4127 122nd ed. (Jan 2026)". */
  name: string;
  year: number;
  federal: FederalTable;
  cpp: PensionPlanTable;
  qpp: PensionPlanTable;
  ei: EiTable;
  eiQuebec: EiTable;
  qpip: QpipTable;
  /** Provinces and territories whose tables are implemented for this edition (never Quebec: see `quebec`). */
  provinces: Record<string, ProvinceTable>;
  /** Quebec income tax (TP-1015.F) and employer contributions; absent: Quebec income tax is a MISSING_TAX_TABLE blocker. */
  quebec?: QuebecTable;
  /** Provinces known to T4127 but not implemented for this edition: a blocker with this reason. */
  unsourcedProvinces: Record<string, string>;
}

/**
 * Quebec income tax withholding and employer contributions for one year: Revenu Québec "Formules pour le calcul
 * des retenues à la source et des cotisations" (TP-1015.F; English TP-1015.F-V), and the labour standards
 * contribution form LE-39.0.2.
 */
export interface QuebecTable {
  /** Publication and edition, e.g. "Revenu Québec TP-1015.F (2026-01)". */
  source: string;
  /** Taxable income brackets: `upTo` (inclusive; undefined for the last), rate T and constant K (whole dollars). */
  brackets: readonly { upTo?: string; rate: string; K: string }[];
  /** Rate applied to the personal tax credit amounts E (0.14 × E). */
  personalCreditRate: string;
  /** Basic personal amount: E when no TP-1015.3 is filed. */
  basicPersonalAmount: string;
  /** Rate of the labour-sponsored fund credits (0.15 × P × Q / Q1). */
  labourFundCreditRate: string;
  /** Deduction for workers H = rate × D, at most `workerDeductionMax` ÷ P. */
  workerDeductionRate: string;
  workerDeductionMax: string;
  /** Lump-sum payments: when the annual salary and the payment total at most `threshold`, withhold `rate` of it. */
  lumpSumFlat: { threshold: string; rate: string };
  /** Health Services Fund (FSS): the rate for a total payroll of `maxRatePayroll` or more (the maximum), percent. */
  hsf: { maxRatePercent: string; maxRatePayroll: string; minRatePercent: string; source: string };
  /** Labour standards contribution (CNT): rate on remuneration up to `maxRemuneration` per employee a year. */
  cnt: { rate: string; maxRemuneration: string; source: string };
  /** CNESST: maximum yearly insurable earnings per worker (the rate is the employer's own). */
  cnesst: { maxInsurableEarnings: string; source: string };
}
