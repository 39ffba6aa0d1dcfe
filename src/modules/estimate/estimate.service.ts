import type { Context } from "../../context";
import { classificationsIn, countryOfClassification } from "../../shared/classification";
import { badInput } from "../../shared/errors";
import { countryOf, currencyOf, isSubdivision, type Country } from "../../shared/jurisdiction";
import { parseMinorUnits, type MoneyInput } from "../../shared/money";
import { calculatePaycheck, type BenefitDeduction, type BenefitKind, type PaycheckInput, type YearToDate } from "../payroll/engine";
import { BENEFIT_KINDS_BY_COUNTRY } from "../payroll/engine/benefits/treatment";
import { LIST_LIMITS } from "../../shared/list-limits";
import { PaycheckExemption, type EstimatePaycheckInput } from "./estimate.input";
import { toPaycheckEstimate, type PaycheckEstimate } from "./estimate.type";
import { UserErrors } from "../../shared/user-error";
import { readCertificatesInput } from "../workers/worker-certificates";
import type { Certificates } from "../payroll/engine/certificates";

const COUNTRY_OF_EXEMPTION: Record<string, Country> = { CPP: "CA", EI: "CA", QPIP: "CA", SOCIAL_SECURITY: "US", MEDICARE: "US", FUTA: "US" };
const US_YTD = ["socialSecurityWages", "medicareWages"] as const;
const CA_YTD = ["cppPensionableEarnings", "cppContributions", "cpp2Contributions", "eiInsurableEarnings", "eiPremiums"] as const;

/**
 * `estimatePaycheck`: the payroll engine as a query, for an ATS showing a candidate's take-home pay. Pure: nothing is
 * read or written. Needs `payroll:read` (any role: the estimate involves no client's data).
 *
 * A mistake in the input (not a supported jurisdiction, a classification or currency of the other country, an
 * amount with more than two decimals, elections of the other country) is a BAD_USER_INPUT error listing every
 * problem in `extensions.problems` ({ field, message }); a query has no userErrors. What the engine does not cover
 * (a state without tables, a tax year without tables, a missing W-4) is a blocker in the result, next to the
 * lines it could compute.
 */
export class EstimateService {
  constructor(private readonly ctx: Context) {}

  estimate(input: EstimatePaycheckInput): PaycheckEstimate {
    this.ctx.principal.assertScope("payroll:read");
    const problems: { field: string; message: string }[] = [];
    const problem = (field: string, message: string) => problems.push({ field: `input.${field}`, message });

    const jurisdiction = input.jurisdiction.trim().toUpperCase();
    const country = isSubdivision(jurisdiction) ? countryOf(jurisdiction) : null;
    if (country === null) {
      problem(
        "jurisdiction",
        `jurisdiction must be a US state or DC (e.g. US-CA) or a Canadian province or territory (e.g. CA-ON), got ${JSON.stringify(input.jurisdiction.slice(0, 20))}`,
      );
    } else if (countryOfClassification(input.classification) !== country) {
      problem(
        "classification",
        `${input.classification} is not a classification in ${country === "US" ? "the United States" : "Canada"} (${classificationsIn(country).join(", ")})`,
      );
    }
    const currency = country ? currencyOf(country) : null;

    const amount = (field: string, value: MoneyInput | null | undefined, expected: string | null): number | undefined => {
      if (value == null) return undefined;
      if (expected !== null && (value.currency as string) !== expected) problem(`${field}.currency`, `${field} must be in ${expected} for ${jurisdiction}, got ${value.currency}`);
      const minor = parseMinorUnits(value.amount);
      if (minor === null) problem(`${field}.amount`, `${field} must be a non-negative amount with at most two decimals and at most 13 integer digits`);
      return minor ?? undefined;
    };

    const gross = amount("gross", input.gross, currency) ?? 0;
    const supplemental = amount("supplemental", input.supplemental, currency);

    let w4: PaycheckInput["w4"];
    if (input.w4 != null) {
      if (country === "CA") problem("w4", "w4 (US Form W-4) applies to US jurisdictions only; use td1 in Canada");
      w4 = {
        filingStatus: input.w4.filingStatus,
        multipleJobs: input.w4.multipleJobs ?? false,
        dependentsAmount: amount("w4.dependentsAmount", input.w4.dependentsAmount, "USD") ?? 0,
        otherIncome: amount("w4.otherIncome", input.w4.otherIncome, "USD") ?? 0,
        deductions: amount("w4.deductions", input.w4.deductions, "USD") ?? 0,
        extraWithholding: amount("w4.extraWithholding", input.w4.extraWithholding, "USD") ?? 0,
      };
    }
    let td1: PaycheckInput["td1"];
    if (input.td1 != null) {
      if (country === "US") problem("td1", "td1 (Canadian TD1) applies to Canadian jurisdictions only; use w4 in the US");
      td1 = {
        federalClaimAmount: amount("td1.federalClaimAmount", input.td1.federalClaimAmount, "CAD"),
        provincialClaimAmount: amount("td1.provincialClaimAmount", input.td1.provincialClaimAmount, "CAD"),
      };
    }
    for (const exemption of input.exemptions ?? []) {
      if (country !== null && COUNTRY_OF_EXEMPTION[exemption] !== country) problem("exemptions", `exemption ${exemption} does not apply in ${jurisdiction}`);
    }
    if (country !== null && (input.exemptions ?? []).includes(PaycheckExemption.QPIP) && jurisdiction !== "CA-QC") {
      problem("exemptions", "exemption QPIP applies in Quebec (CA-QC) only");
    }

    const yearToDate: YearToDate = {};
    const ytd = input.yearToDate ?? {};
    for (const field of [...US_YTD, ...CA_YTD]) {
      const value = ytd[field];
      if (value == null) continue;
      const fieldCountry: Country = (US_YTD as readonly string[]).includes(field) ? "US" : "CA";
      if (country !== null && fieldCountry !== country)
        problem(`yearToDate.${field}`, `yearToDate.${field} applies to ${fieldCountry === "US" ? "US" : "Canadian"} jurisdictions only`);
      yearToDate[field] = amount(`yearToDate.${field}`, value, currency);
    }

    for (const [i, entry] of (ytd.benefitContributions ?? []).entries()) {
      const at = `yearToDate.benefitContributions[${i}]`;
      const kinds = (yearToDate.benefitContributions ??= {});
      if (i >= LIST_LIMITS.benefitKinds || kinds[entry.kind] !== undefined) {
        problem(at, `yearToDate.benefitContributions has one entry per kind (${entry.kind} is repeated)`);
        continue;
      }
      if (country !== null && !BENEFIT_KINDS_BY_COUNTRY[country].includes(entry.kind)) problem(`${at}.kind`, `${entry.kind} is not a benefit in ${jurisdiction}`);
      kinds[entry.kind] = amount(`${at}.employeeAmount`, entry.employeeAmount, currency) ?? 0;
      const employer = amount(`${at}.employerAmount`, entry.employerAmount, currency);
      if (employer !== undefined) (yearToDate.benefitEmployerContributions ??= {})[entry.kind] = employer;
    }

    let certificates: Certificates | undefined;
    if (input.certificates != null) {
      // The same reading as a worker's certificates (worker-certificates.ts); its userErrors become problems here.
      const errors = new UserErrors();
      const patch = readCertificatesInput(errors, ["certificates"], input.certificates, country ?? undefined) ?? {};
      for (const e of errors.list) problems.push({ field: e.field.join("."), message: e.message });
      const given = Object.entries(patch).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== null);
      if (given.length > 0) certificates = Object.fromEntries(given);
    }

    const benefitDeductions = input.benefitDeductions == null ? undefined : this.benefitDeductions(input.benefitDeductions, country, jurisdiction, problem, amount, currency);

    if (problems.length > 0 || country === null) {
      throw badInput(`Invalid estimatePaycheck input: ${problems.map((p) => p.message).join("; ")}`, { problems });
    }

    const result = calculatePaycheck({
      jurisdiction,
      classification: input.classification,
      payFrequency: input.payFrequency,
      payDate: input.payDate,
      gross,
      supplemental,
      w4,
      td1,
      certificates,
      exemptions: input.exemptions ?? undefined,
      yearToDate,
      benefitDeductions,
    });
    return toPaycheckEstimate(result);
  }

  /** `input.benefitDeductions` for the engine: bounded, each kind of the jurisdiction's country, amounts in its currency. */
  private benefitDeductions(
    entries: EstimatePaycheckInput["benefitDeductions"] & object,
    country: Country | null,
    jurisdiction: string,
    problem: (field: string, message: string) => void,
    amount: (field: string, value: MoneyInput | null | undefined, expected: string | null) => number | undefined,
    currency: string | null,
  ): BenefitDeduction[] {
    if (entries.length > LIST_LIMITS.benefitDeductionsPerEstimate) {
      problem("benefitDeductions", `at most ${LIST_LIMITS.benefitDeductionsPerEstimate} benefit deductions, got ${entries.length}`);
      return [];
    }
    return entries.map((entry, i) => {
      const at = `benefitDeductions[${i}]`;
      const kind: BenefitKind = entry.kind;
      if (country !== null && !BENEFIT_KINDS_BY_COUNTRY[country].includes(kind)) {
        problem(`${at}.kind`, `${kind} is not a benefit in ${jurisdiction} (${BENEFIT_KINDS_BY_COUNTRY[country].join(", ")})`);
      }
      const deduction: BenefitDeduction = { kind, employeeAmount: amount(`${at}.employeeAmount`, entry.employeeAmount, currency) ?? 0 };
      const employer = amount(`${at}.employerAmount`, entry.employerAmount, currency);
      if (employer !== undefined) deduction.employerAmount = employer;
      const coverage = amount(`${at}.coverageAmount`, entry.coverageAmount, currency);
      if (coverage !== undefined) deduction.coverageAmount = coverage;
      if (entry.employeeAge != null) {
        if (entry.employeeAge < 0 || entry.employeeAge > 130) problem(`${at}.employeeAge`, `employeeAge must be between 0 and 130, got ${entry.employeeAge}`);
        deduction.employeeAge = entry.employeeAge;
      }
      if (country === "US" && kind === "GROUP_TERM_LIFE" && coverage === undefined) {
        problem(`${at}.coverageAmount`, "coverageAmount is required for GROUP_TERM_LIFE in the US (coverage over $50,000 is imputed income)");
      }
      if (entry.hsaCoverage != null) deduction.hsaCoverage = entry.hsaCoverage;
      return deduction;
    });
  }
}
