/**
 * Quebec: provincial income tax withholding (Revenu Québec TP-1015.F, see tp1015.ts) with the employee's TP-1015.3,
 * and the employer contributions remitted to Revenu Québec with the source deductions: Health Services Fund (FSS),
 * labour standards (CNT) and CNESST. QPP, QPIP and EI at the Quebec rate are T4127's (t4127.ts).
 *
 * Decisions (README "Quebec"):
 * - No TP-1015.3 on file: E = the basic personal amount (TP-1015.F p. 16), said on the line.
 * - HSF rate: the employer's own (`employerRates.hsfRate`, set by its total payroll, associated employers and
 *   activities outside Quebec included). Absent: 4.26%, the rate for a total payroll of $7.8 million or more and
 *   the maximum of every sector (TP-1015.F p. 8) — never less than owed; said on the line.
 * - CNESST rate: the employer's own classification-unit rate (`employerRates.cnesstRate`). Absent: the line shows
 *   0 with "not computed" and why; the coverage entry says so (no rate can be presumed, and a blocker would stop
 *   every Quebec payroll until registrations carry the rate).
 * - CNT and CNESST bases: remuneration of the period (taxable benefits included) up to the year's maximum
 *   (103,000 in 2026) less the year-to-date QPIP insurable earnings (the nearest year-to-date base the contract
 *   carries; the same maximum).
 * - Workforce skills development (WSDRF, 1% of payroll when the employer's total payroll exceeds $2 million) is an
 *   annual employer-level contribution, settled on the RL-1 summary against training expenses: not a per-statement
 *   line.
 */
import type { CertificateForm, CertificateValues } from "../certificates";
import type { LineCodeDoc } from "../line-codes";
import type { Blocker, EmployerRates, PaycheckLine } from "../types";
import { formatUsd } from "../us/money";
import { pos, Q, qmin } from "./exact";
import type { QuebecTable } from "./tables/types";
import { computeTp1015, type Tp1015Input } from "./tp1015";

/** The lines only Quebec employment produces (QPP, QPIP and EI lines are T4127's). */
export const QUEBEC_LINE_CODES: readonly LineCodeDoc[] = [
  { code: "CA_QC_PIT", kind: "EMPLOYEE_TAX", where: "CA-QC", meaning: "Quebec income tax (Revenu Québec TP-1015.F, with the TP-1015.3), bonus included" },
  { code: "CA_QC_HSF_ER", kind: "EMPLOYER_TAX", where: "CA-QC", meaning: "employer Health Services Fund contribution (FSS), the employer's rate or 4.26% when none is on file" },
  { code: "CA_QC_CNT_ER", kind: "EMPLOYER_TAX", where: "CA-QC", meaning: "employer labour standards contribution (CNT), 0.06% up to the yearly maximum" },
  {
    code: "CA_QC_CNESST_ER",
    kind: "EMPLOYER_TAX",
    where: "CA-QC",
    meaning: "employer CNESST premium at the employer's rate up to the yearly maximum insurable earnings; 0 and marked not computed when no rate is on file",
  },
];

/** Revenu Québec TP-1015.3, "Déclaration pour la retenue d'impôt" (Source Deductions Return). */
export const TP1015_3_FORM: CertificateForm = {
  key: "tp10153",
  title: "TP-1015.3",
  jurisdictions: ["CA-QC"],
  description:
    "Revenu Québec form TP-1015.3, Source Deductions Return: the employee's Quebec personal tax credit amounts, deductions and additional withholding, read by the Quebec income tax formula (TP-1015.F). Without one on file, tax is withheld with the basic personal amount only (18,952 in 2026), as the form's instructions and TP-1015.F prescribe.",
  fields: [
    {
      name: "personalTaxCreditAmount",
      type: { kind: "MONEY" },
      description:
        "Line 10: personal tax credit amounts (line 7 plus line 9), annual, cents. Rounded to whole dollars by the formula. Default: the basic personal amount of the year (line 1).",
    },
    {
      name: "deductions",
      type: { kind: "MONEY" },
      description:
        "Line 19: deductions (line 14, housing deduction for residents of a designated remote area, plus line 15, non-taxable support payments), annual, cents. Default 0.",
    },
    {
      name: "additionalWithholding",
      type: { kind: "MONEY" },
      description: "Line 11: additional Quebec income tax to withhold from each pay, cents per pay period. Default 0.",
    },
    {
      name: "exemptFromWithholding",
      type: { kind: "BOOLEAN" },
      description: "Line 20: exemption from Quebec income tax withholding requested (valid only for the year of the request: a new TP-1015.3 is needed each year). Default false.",
    },
  ],
};

export interface QuebecPeriod {
  table: QuebecTable;
  tp1015: Omit<Tp1015Input, "table" | "E" | "J" | "L">;
  certificate: CertificateValues | undefined;
  employerRates: EmployerRates | undefined;
  /** Remuneration of the period subject to the employer contributions (taxable benefits included), cents. */
  remuneration: Q;
  /** Year-to-date QPIP insurable earnings (the CNT/CNESST year-to-date base), cents. */
  ytdInsurable: Q;
}

export interface QuebecLines {
  employee: PaycheckLine[];
  employer: PaycheckLine[];
  blockers: Blocker[];
}

const money = (q: Q) => formatUsd(BigInt(q.roundCents().toCents()));

/** A percent string ("2.05") as a ratio (0.0205), or an error message. */
function percent(name: string, value: string, max: Q): Q | string {
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(value)) return `employerRates.${name} must be a percentage such as "2.05" (got "${value}")`;
  const ratio = Q.ratio(value).divInt(100);
  if (ratio.gt(max)) return `employerRates.${name} ${value}% is above the legal maximum ${max.mulInt(100).toString()}%`;
  return ratio;
}

export function quebecLines(period: QuebecPeriod): QuebecLines {
  const { table } = period;
  const out: QuebecLines = { employee: [], employer: [], blockers: [] };
  const cert = period.certificate;
  const opt = (key: string) => (typeof cert?.[key] === "number" ? Q.cents(cert[key]) : undefined);

  // ---- Quebec income tax (CA_QC_PIT) ----
  const r = computeTp1015({ ...period.tp1015, table, E: opt("personalTaxCreditAmount"), J: opt("deductions"), L: opt("additionalWithholding") });
  const taxable = period.tp1015.G.add(period.tp1015.B2 ?? Q.ZERO);
  const notes: string[] = [];
  if (!cert) notes.push(`no TP-1015.3 on file: basic personal amount ${money(r.E)}`);
  else if (r.basicAmountDefault) notes.push(`TP-1015.3 without line 10: basic personal amount ${money(r.E)}`);
  else notes.push(`TP-1015.3 credits ${money(r.E)}`);
  if (opt("deductions")) notes.push(`line 19 deductions ${money(opt("deductions")!)}`);
  if (opt("additionalWithholding")) notes.push(`additional ${money(opt("additionalWithholding")!)} a pay (line 11)`);
  if (r.lumpSum) notes.push(r.lumpSum.flatRate ? "flat 7% on the bonus" : "bonus by the second lump-sum method");
  const exempt = cert?.exemptFromWithholding === true;
  out.employee.push({
    code: "CA_QC_PIT",
    kind: "EMPLOYEE_TAX",
    description: exempt
      ? `Quebec income tax: none withheld, exemption requested on TP-1015.3 line 20 — ${table.source}`
      : `Quebec income tax (${notes.join("; ")}) — ${table.source}`,
    amount: exempt ? 0 : r.total.toCents(),
    taxableWages: taxable.toCents(),
  });

  // ---- Health Services Fund (CA_QC_HSF_ER): D2 = W × S2, half up (TP-1015.F section 5) ----
  const maxHsf = Q.ratio(table.hsf.maxRatePercent).divInt(100);
  const hsfGiven = period.employerRates?.hsfRate;
  const hsfRate = hsfGiven === undefined ? maxHsf : percent("hsfRate", hsfGiven, maxHsf);
  if (typeof hsfRate === "string") {
    out.blockers.push({ code: "INVALID_INPUT", message: hsfRate });
  } else {
    const rateText = hsfGiven ?? table.hsf.maxRatePercent;
    const why =
      hsfGiven === undefined
        ? `${rateText}%: no HSF rate on the employer's Quebec registration, so the rate for a total payroll of $${table.hsf.maxRatePayroll} or more (the maximum) is used`
        : `${rateText}%, the employer's rate for its total payroll`;
    out.employer.push({
      code: "CA_QC_HSF_ER",
      kind: "EMPLOYER_TAX",
      description: `Health Services Fund contribution (${why}) — ${table.hsf.source}`,
      amount: hsfRate.mul(period.remuneration).roundCents().toCents(),
      taxableWages: period.remuneration.toCents(),
    });
  }

  // ---- CNT and CNESST: up to the year's maximum per employee ----
  const capped = (max: string) => qmin(period.remuneration, pos(Q.dollars(max).sub(period.ytdInsurable)));
  const cntBase = capped(table.cnt.maxRemuneration);
  out.employer.push({
    code: "CA_QC_CNT_ER",
    kind: "EMPLOYER_TAX",
    description: `Labour standards contribution (CNT, 0.06% of remuneration up to $${table.cnt.maxRemuneration} a year; due with the RL-1 summary, remitted with the source deductions) — ${table.cnt.source}`,
    amount: Q.ratio(table.cnt.rate).mul(cntBase).roundCents().toCents(),
    taxableWages: cntBase.toCents(),
  });

  const cnesstBase = capped(table.cnesst.maxInsurableEarnings);
  const cnesstGiven = period.employerRates?.cnesstRate;
  if (cnesstGiven === undefined) {
    out.employer.push({
      code: "CA_QC_CNESST_ER",
      kind: "EMPLOYER_TAX",
      description: `CNESST workplace health and safety premium NOT COMPUTED: no CNESST rate on the employer's Quebec registration (employerRates.cnesstRate). The premium on ${money(cnesstBase)} of insurable earnings is still owed — ${table.cnesst.source}`,
      amount: 0,
      taxableWages: cnesstBase.toCents(),
    });
  } else {
    // No CNESST unit rate reaches 100 $ per 100 $; the cap only catches typing errors.
    const rate = percent("cnesstRate", cnesstGiven, Q.ONE);
    if (typeof rate === "string") {
      out.blockers.push({ code: "INVALID_INPUT", message: rate });
    } else {
      out.employer.push({
        code: "CA_QC_CNESST_ER",
        kind: "EMPLOYER_TAX",
        description: `CNESST premium (${cnesstGiven}% of insurable earnings up to $${table.cnesst.maxInsurableEarnings} a year, the employer's classification rate; remitted to Revenu Québec with the source deductions) — ${table.cnesst.source}`,
        amount: rate.mul(cnesstBase).roundCents().toCents(),
        taxableWages: cnesstBase.toCents(),
      });
    }
  }
  return out;
}
