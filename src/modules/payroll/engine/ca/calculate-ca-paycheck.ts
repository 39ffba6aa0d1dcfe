import { isPayFrequency, PERIODS_PER_YEAR } from "../../../../shared/calendar";
import { countryOfClassification, isClassification, isContractor } from "../../../../shared/classification";
import { CONTRACTOR_FEE, type AppliedBenefit, type Blocker, type PaycheckInput, type PaycheckLine, type PaycheckResult } from "../types";
import { applyLimits, caBenefitEffects, toAppliedBenefits, validateBenefitDeductions, validateBenefitYearToDate } from "../benefits/apply";
import { checkCertificates } from "../certificates";
import { allCertificateForms } from "../certificates-registry";
import { editionFor, SUPPORTED_PAY_DATES } from "./editions";
import { Q } from "./exact";
import { quebecLines } from "./quebec";
import { computeT4127, type T4127Result } from "./t4127";
import type { Edition } from "./tables/types";

/**
 * Canadian gross-to-net for one pay period (CRA T4127, Option 1). Pure: same input, same output.
 *
 * Contract choices (see README "Canada"):
 * - P: WEEKLY 52, BIWEEKLY 26, SEMIMONTHLY 24, MONTHLY 12 (`PERIODS_PER_YEAR`, src/shared/calendar). PM (pensionable months) = 12: the input carries no
 *   partial-year information (turning 18 or 70, disability, CPT30), so the full-year maxima apply.
 * - No TD1 on file is not a blocker: the law applies the basic personal amounts when no TD1 is filed
 *   (federal BPAF formula; the province's basic amount — BPAMB / BPAYT formulas for MB / YT).
 * - Benefit deductions (`benefitDeductions`, ../benefits/apply.ts): a group RRSP contribution deducted at source is
 *   factor F (income for tax only, not CPP/EI); employer-paid taxable benefits are added to I for tax and to the
 *   pensionable / insurable / QPIP earnings their kind names (benefits/treatment.ts). Lines DED_<KIND> after the
 *   employee taxes, BEN_ER_<KIND> after the employer taxes, EARNING_TAXABLE_BENEFITS after the earnings.
 *   net = gross + supplemental + reimbursement − employee taxes − deductions.
 * - RPP, union dues, prescribed-zone (HD), authorized deductions (F1), labour-sponsored credits and extra tax
 *   are not in the contract: zero, as T4127 prescribes when they do not apply.
 * - The supplemental amount is a non-periodic payment taxed with T4127's bonus method.
 * - Quebec: QPP/QPP2, Quebec EI rate (line CA_EI_EE, the same CRA remittance as elsewhere), QPIP and federal tax
 *   with the 16.5% abatement (T4127), Quebec income tax CA_QC_PIT (Revenu Québec TP-1015.F, with the TP-1015.3 in
 *   `certificates.tp10153`) and the employer's HSF, CNT and CNESST contributions (quebec.ts). A year without a
 *   transcribed TP-1015.F is a MISSING_TAX_TABLE blocker.
 */

/** ISO 3166-2:CA subdivisions. */
const PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"] as const;

export function calculateCaPaycheck(input: PaycheckInput): PaycheckResult {
  const blockers: Blocker[] = [];
  const lines: PaycheckLine[] = [];
  const invalid = validate(input);
  const employee = isClassification(input.classification) && countryOfClassification(input.classification) === "CA" && !isContractor(input.classification);
  if (isClassification(input.classification) && countryOfClassification(input.classification) === "CA") {
    invalid.push(...[...validateBenefitDeductions(input.benefitDeductions, "CA", employee), ...validateBenefitYearToDate(input.yearToDate)].map((b) => b.message));
  }
  const benefitItems = input.benefitDeductions ?? [];
  let appliedBenefits: AppliedBenefit[] = benefitItems.map((d) => ({
    kind: d.kind,
    ...(d.planRef !== undefined ? { planRef: d.planRef } : {}),
    employeeAmount: 0,
    employerAmount: 0,
  }));
  const gross = safe(input.gross);
  const supplemental = safe(input.supplemental ?? 0);
  const reimbursement = safe(input.reimbursement ?? 0);

  const contractor = isClassification(input.classification) && countryOfClassification(input.classification) === "CA" && isContractor(input.classification);
  if (contractor) {
    // Self-employed: fees, not employment income (a bonus included); reported on a T4A slip.
    lines.push({
      code: CONTRACTOR_FEE,
      kind: "EARNING",
      description: "Contractor fees (self-employed: no CPP, EI or income tax withheld; reported on a T4A slip)",
      amount: gross + supplemental,
    });
  } else lines.push({ code: "EARNING_REGULAR", kind: "EARNING", description: "Regular earnings", amount: gross });
  if (supplemental > 0 && !contractor) {
    lines.push({
      code: "EARNING_SUPPLEMENTAL",
      kind: "EARNING",
      description: "Non-periodic payment (bonus), taxed with the T4127 bonus method",
      amount: supplemental,
    });
  }
  if (reimbursement > 0) {
    lines.push({
      code: "REIMBURSEMENT",
      kind: "REIMBURSEMENT",
      description: "Non-taxable reimbursement",
      amount: reimbursement,
    });
  }
  const result = (): PaycheckResult => {
    const net = gross + supplemental + reimbursement - lines.filter((l) => l.kind === "EMPLOYEE_TAX" || l.kind === "DEDUCTION").reduce((s, l) => s + l.amount, 0);
    if (net < 0) {
      blockers.push({
        code: "INVALID_INPUT",
        message: `Benefit deductions exceed the pay left after taxes by ${(-net / 100).toFixed(2)} CAD: reduce the elections or pay them outside payroll.`,
      });
    }
    return { currency: "CAD", gross: gross + supplemental, net, lines, blockers, ...(input.benefitDeductions !== undefined ? { appliedBenefits } : {}) };
  };

  if (invalid.length > 0) {
    blockers.push(...invalid.map((message) => ({ code: "INVALID_INPUT" as const, message })));
    return result();
  }

  const province = provinceOf(input.jurisdiction);
  if (!province) {
    blockers.push({
      code: "UNSUPPORTED_TAX_JURISDICTION",
      message: `${input.jurisdiction} is not a Canadian province or territory (expected CA-AB … CA-YT)`,
    });
    return result();
  }
  if (!isClassification(input.classification) || countryOfClassification(input.classification) !== "CA") {
    blockers.push({
      code: "UNSUPPORTED_CLASSIFICATION",
      message: `${input.classification} cannot be paid under Canadian payroll (CA_T4_EMPLOYEE or CA_T4A_CONTRACTOR)`,
    });
    return result();
  }
  if (isContractor(input.classification)) {
    // Self-employed (CA_T4A_CONTRACTOR): no CPP/EI/tax withheld; the fees are reported on a T4A slip.
    return result();
  }
  const edition = editionFor(input.payDate);
  if (!edition) {
    blockers.push({
      code: "UNSUPPORTED_TAX_YEAR",
      message: `No CRA T4127 tables for pay date ${input.payDate}: supported pay dates are ${SUPPORTED_PAY_DATES}`,
    });
    return result();
  }

  const exemptions = new Set(input.exemptions ?? []);
  const ytd = input.yearToDate ?? {};
  const applied = applyLimits(benefitItems, input.yearToDate, Number(input.payDate.slice(0, 4)), "CA");
  appliedBenefits = toAppliedBenefits(applied);
  const benefits = caBenefitEffects(applied, province === "QC");
  if (benefits.imputedLine) lines.push(benefits.imputedLine);
  const cents = (v: bigint) => Q.cents(Number(v));
  const opt = (v: number | undefined) => (v === undefined ? undefined : Q.cents(v));
  const t = computeT4127({
    edition,
    province,
    periodsPerYear: PERIODS_PER_YEAR[input.payFrequency],
    regular: Q.cents(gross),
    bonus: Q.cents(supplemental),
    federalClaim: opt(input.td1?.federalClaimAmount),
    provincialClaim: opt(input.td1?.provincialClaimAmount),
    exemptCpp: exemptions.has("CPP"),
    exemptEi: exemptions.has("EI"),
    exemptQpip: exemptions.has("QPIP"),
    deductions: benefits.F > 0n ? { F: cents(benefits.F) } : undefined,
    benefits: { taxable: cents(benefits.taxable), pensionable: cents(benefits.pensionable), insurable: cents(benefits.insurable), qpip: cents(benefits.qpip) },
    ytd: {
      pensionableEarnings: opt(ytd.cppPensionableEarnings),
      cppContributions: opt(ytd.cppContributions),
      cpp2Contributions: opt(ytd.cpp2Contributions),
      insurableEarnings: opt(ytd.eiInsurableEarnings),
      eiPremiums: opt(ytd.eiPremiums),
      qpipInsurableEarnings: opt(ytd.qpipInsurableEarnings),
      qpipPremiums: opt(ytd.qpipPremiums),
    },
  });

  const taxes = taxLines(t, edition, province, exemptions);
  const employeeTaxes = taxes.filter((l) => l.kind === "EMPLOYEE_TAX");
  const employerTaxes = taxes.filter((l) => l.kind !== "EMPLOYEE_TAX");
  if (province === "QC") {
    if (!edition.quebec) {
      blockers.push({
        code: "MISSING_TAX_TABLE",
        message: `Quebec income tax for pay date ${input.payDate}: Revenu Québec's TP-1015.F for ${edition.year} is not transcribed (2026 is); QPP, QPIP, EI and federal tax are computed`,
      });
    } else {
      const qc = quebecLines({
        table: edition.quebec,
        tp1015: {
          qpp: edition.qpp,
          periodsPerYear: PERIODS_PER_YEAR[input.payFrequency],
          G: Q.cents(gross).add(cents(benefits.quebecTaxable)),
          F: cents(benefits.F),
          C: t.C,
          C2: t.C2,
          S3: Q.cents(gross + supplemental).add(cents(benefits.pensionable)),
          B2: Q.cents(supplemental),
        },
        certificate: input.certificates?.tp10153,
        employerRates: input.employerRates,
        remuneration: Q.cents(gross + supplemental).add(cents(benefits.quebecTaxable)),
        ytdInsurable: Q.cents(ytd.qpipInsurableEarnings ?? 0),
      });
      employeeTaxes.push(...qc.employee);
      employerTaxes.push(...qc.employer);
      blockers.push(...qc.blockers);
    }
  }
  lines.push(...employeeTaxes, ...benefits.deductionLines, ...employerTaxes, ...benefits.employerLines);
  if (province !== "QC" && t.provincialTax === undefined) {
    blockers.push({
      code: "UNSUPPORTED_TAX_YEAR",
      message: `${province} provincial income tax for pay date ${input.payDate} (${edition.name}): ${edition.unsourcedProvinces[province] ?? "no table"}`,
    });
  }
  return result();
}

function taxLines(t: T4127Result, edition: Edition, province: string, exemptions: Set<string>): PaycheckLine[] {
  const ed = edition.name;
  const plan = t.quebec ? "QPP" : "CPP";
  const planTable = t.quebec ? edition.qpp : edition.cpp;
  const ei = t.quebec ? edition.eiQuebec : edition.ei;
  const ee: PaycheckLine[] = [];
  const er: PaycheckLine[] = [];
  const line = (code: string, kind: PaycheckLine["kind"], description: string, amount: Q, base?: Q): PaycheckLine => ({
    code,
    kind,
    description,
    amount: amount.toCents(),
    // The period's base the line was figured on (pensionable, insurable earnings or taxable income).
    ...(base !== undefined ? { taxableWages: base.toCents() } : {}),
  });

  if (!exemptions.has("CPP")) {
    ee.push(line(`CA_${plan}_EE`, "EMPLOYEE_TAX", `${plan} contribution (base + first additional, ${pct(planTable.rate)}) — ${ed}`, t.C, t.pensionableEarnings));
    ee.push(line(`CA_${plan}2_EE`, "EMPLOYEE_TAX", `${plan}2 second additional contribution (${pct(planTable.secondRate)}) — ${ed}`, t.C2, t.pensionableEarnings));
    er.push(line(`CA_${plan}_ER`, "EMPLOYER_TAX", `Employer ${plan} contribution (equal to the employee's) — ${ed}`, t.employer.C, t.pensionableEarnings));
    er.push(line(`CA_${plan}2_ER`, "EMPLOYER_TAX", `Employer ${plan}2 contribution (equal to the employee's) — ${ed}`, t.employer.C2, t.pensionableEarnings));
  }
  if (!exemptions.has("EI")) {
    const where = t.quebec ? "Quebec rate " : "";
    ee.push(line("CA_EI_EE", "EMPLOYEE_TAX", `EI premium (${where}${pct(ei.rate)}) — ${ed}`, t.EI, t.insurableEarnings));
    er.push(line("CA_EI_ER", "EMPLOYER_TAX", `Employer EI premium (${ei.employerMultiplier} × employee premium) — ${ed}`, t.employer.EI, t.insurableEarnings));
  }
  if (t.quebec && !exemptions.has("QPIP")) {
    ee.push(line("CA_QPIP_EE", "EMPLOYEE_TAX", `QPIP premium (${pct(edition.qpip.employeeRate)}) — ${ed}`, t.QPIP, t.qpipInsurableEarnings));
    er.push(line("CA_QPIP_ER", "EMPLOYER_TAX", `Employer QPIP premium (${pct(edition.qpip.employerRate)}) — ${ed}`, t.employer.QPIP, t.qpipInsurableEarnings));
  }
  const fitNote = t.quebec ? " after the 16.5% Quebec abatement" : "";
  const bonusNote = t.bonus ? (t.bonus.flatRate ? ", flat rate on the bonus" : ", bonus method on the supplemental") : "";
  ee.push(line("CA_FIT", "EMPLOYEE_TAX", `Federal income tax (Option 1${fitNote}${bonusNote}) — ${ed}`, t.federalTax, t.taxableIncome));
  if (t.provincialTax !== undefined) {
    const name = edition.provinces[province].name;
    const extras = province === "ON" ? " incl. surtax and Ontario Health Premium" : "";
    ee.push(line(`CA_${province}_PIT`, "EMPLOYEE_TAX", `${name} income tax${extras} — ${ed}`, t.provincialTax, t.taxableIncome));
  }
  return [...ee, ...er];
}

/** "0.0595" → "5.95%" without floating point. */
function pct(rate: string): string {
  const [int, frac = ""] = rate.split(".");
  const digits = (int + frac.padEnd(2, "0")).replace(/^0+(?=\d)/, "");
  const whole = digits.slice(0, digits.length - (frac.length > 2 ? frac.length - 2 : 0)) || "0";
  const rest = frac.length > 2 ? frac.slice(2).replace(/0+$/, "") : "";
  return `${whole.replace(/^0+(?=\d)/, "")}${rest ? "." + rest : ""}%`;
}

function provinceOf(jurisdiction: string): string | undefined {
  const m = /^CA-([A-Z]{2})$/.exec(jurisdiction);
  return m && (PROVINCES as readonly string[]).includes(m[1]) ? m[1] : undefined;
}

function safe(v: number): number {
  return Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

function validate(input: PaycheckInput): string[] {
  const problems: string[] = [];
  const cents = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) {
      problems.push(`${name} must be a non-negative whole number of cents (got ${v})`);
    }
  };
  cents("gross", input.gross);
  cents("supplemental", input.supplemental);
  cents("reimbursement", input.reimbursement);
  cents("td1.federalClaimAmount", input.td1?.federalClaimAmount);
  cents("td1.provincialClaimAmount", input.td1?.provincialClaimAmount);
  const y = input.yearToDate ?? {};
  for (const key of ["cppPensionableEarnings", "cppContributions", "cpp2Contributions", "eiInsurableEarnings", "eiPremiums", "qpipInsurableEarnings", "qpipPremiums"] as const) {
    cents(`yearToDate.${key}`, y[key]);
  }
  for (const problem of checkCertificates(input.certificates, allCertificateForms())) problems.push(`withholding certificate: ${problem.message}`);
  if (!isPayFrequency(input.payFrequency)) problems.push(`unknown pay frequency ${String(input.payFrequency)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.payDate)) problems.push(`payDate must be YYYY-MM-DD (got ${input.payDate})`);
  return problems;
}
