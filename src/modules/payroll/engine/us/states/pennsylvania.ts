/**
 * Pennsylvania: PIT 3.07% flat on all compensation (regular + supplemental, REV-415), and the UC employee
 * contribution 0.07% of total gross wages with no cap (PA DLI), each rounded half-up to the cent.
 *
 * Local Earned Income Tax (Act 32): read from the employee's Residency Certification Form (`paResidencyCertification`:
 * home and work-location PSD codes, as the DCED form asks). The rate withheld is the higher of the home PSD's Total
 * Resident EIT Rate and the worksite PSD's Non-Resident EIT Rate (tables/pa-eit-psd.ts), on PA compensation, rounded
 * half-up to the cent, as `US_PA_EIT_EE`. A PSD code whose rates are not transcribed is an
 * UNSUPPORTED_TAX_JURISDICTION blocker naming it.
 * No Residency Certification Form on file: EIT is NOT computed and NOT a blocker (today's behaviour) — the US_PA_SIT
 * line says so, so the omission is visible rather than silent. Local Services Tax (LST) is not computed either.
 */
import type { CertificateForm } from "../../certificates";
import type { Blocker, PaycheckLine } from "../../types";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, formatUsd } from "../money";
import { PA_EIT_REGISTER } from "../tables/pa-eit-psd";
import { PA } from "../tables/pa-withholding";
import type { UsStateModule } from "./state-module";

export const PA_RESIDENCY_CERTIFICATION: CertificateForm = {
  key: "paResidencyCertification",
  title: "Residency Certification Form (Local Earned Income Tax Withholding)",
  jurisdictions: ["US-PA"],
  description:
    "PA DCED Residency Certification Form, completed on hire and on any change of address: the employee's home " +
    "(residence) PSD code and the work location's PSD code, which select the local Earned Income Tax rates (Act 32). " +
    "Without one on file the engine does not compute local EIT and says so on the US_PA_SIT line.",
  fields: [
    {
      name: "residentPsdCode",
      type: { kind: "CODE", values: Object.keys(PA_EIT_REGISTER), pattern: /^\d{6}$/ },
      required: true,
      description:
        "Employee Information – Residence Location: the six-digit PSD code of the home municipality (DCED register). " +
        "Codes whose rates the engine has not transcribed are an UNSUPPORTED_TAX_JURISDICTION blocker naming them.",
    },
    {
      name: "worksitePsdCode",
      type: { kind: "CODE", values: Object.keys(PA_EIT_REGISTER), pattern: /^\d{6}$/ },
      required: true,
      description: "Employer Information – Employment Location: the six-digit PSD code of the work location (DCED register).",
    },
  ],
};

const PSD = /^\d{6}$/;

/** Local EIT from the Residency Certification Form, or undefined when none is on file. */
function computeLocalEit(ctx: UsPayContext, wages: bigint): { line?: PaycheckLine; blockers: Blocker[] } | undefined {
  const form = ctx.input.certificates?.[PA_RESIDENCY_CERTIFICATION.key];
  if (form === undefined) return undefined;
  const problems: string[] = [];
  for (const name of Object.keys(form)) if (!["residentPsdCode", "worksitePsdCode"].includes(name)) problems.push(`unknown field ${name}`);
  const resident = form.residentPsdCode;
  const worksite = form.worksitePsdCode;
  if (typeof resident !== "string" || !PSD.test(resident)) problems.push("residentPsdCode must be a six-digit PSD code");
  if (typeof worksite !== "string" || !PSD.test(worksite)) problems.push("worksitePsdCode must be a six-digit PSD code");
  if (problems.length > 0 || typeof resident !== "string" || typeof worksite !== "string") {
    return { blockers: [{ code: "INVALID_INPUT", message: `certificates.paResidencyCertification: ${problems.join("; ")}.` }] };
  }
  const missing = [...new Set([resident, worksite])].filter((psd) => PA_EIT_REGISTER[psd] === undefined);
  if (missing.length > 0) {
    return {
      blockers: [
        {
          code: "UNSUPPORTED_TAX_JURISDICTION",
          message:
            `Pennsylvania local Earned Income Tax for PSD code ${missing.join(" and ")} is not computed: its resident and ` +
            `non-resident EIT rates (PA DCED register) are not transcribed in this engine. ` +
            `Transcribed: ${Object.keys(PA_EIT_REGISTER).join(", ")}.`,
        },
      ],
    };
  }
  const home = PA_EIT_REGISTER[resident];
  const work = PA_EIT_REGISTER[worksite];
  const year = [home, work].find((e) => !e.taxYears.includes(ctx.taxYear));
  if (year) {
    return { blockers: [{ code: "MISSING_TAX_TABLE", message: `Pennsylvania local EIT rates of PSD ${year.psd} are not transcribed for ${ctx.taxYear}.` }] };
  }
  // Same PSD: the resident rate (a resident is not a non-resident of their own municipality).
  const useResident = resident === worksite || home.residentRate.numerator * work.nonResidentRate.denominator >= work.nonResidentRate.numerator * home.residentRate.denominator;
  const rate = useResident ? home.residentRate : work.nonResidentRate;
  const which = useResident
    ? `resident rate ${home.residentPercent}% of PSD ${home.psd} ${home.name} (work-location non-resident rate ${work.nonResidentPercent}% of PSD ${work.psd})`
    : `work-location non-resident rate ${work.nonResidentPercent}% of PSD ${work.psd} ${work.name} (above the resident rate ${home.residentPercent}% of PSD ${home.psd})`;
  const citations = [...new Set([home.citation, work.citation])].join("; ");
  const description = `Pennsylvania local Earned Income Tax (Act 32) on ${formatUsd(wages)}: the higher of the two rates, ${which} (${citations})`;
  return { line: employeeTax("US_PA_EIT_EE", description, applyRate(wages, rate), wages), blockers: [] };
}

export function computePennsylvania(ctx: UsPayContext): Computed {
  const edition = PA[ctx.taxYear];
  const pitWages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const pit = applyRate(pitWages, edition.incomeTaxRate);
  const eit = computeLocalEit(ctx, pitWages);
  const local = eit ? "local EIT on its own line (Residency Certification Form), LST not included" : "local EIT/LST (Act 32) not included: no Residency Certification Form on file";
  const lines = [employeeTax("US_PA_SIT", `Pennsylvania personal income tax 3.07% on ${formatUsd(pitWages)} (PA DOR REV-415); ${local}`, pit, pitWages)];
  if (eit?.line) lines.push(eit.line);
  const uc = applyRate(ctx.taxable.statePrograms, edition.ucEmployeeRate);
  if (uc > 0n) {
    lines.push(
      employeeTax("US_PA_UC_EE", `Pennsylvania UC employee contribution 0.07% on ${formatUsd(ctx.taxable.statePrograms)}, no wage limit (PA DLI)`, uc, ctx.taxable.statePrograms),
    );
  }
  return { lines, blockers: eit?.blockers ?? [] };
}

export const pennsylvania: UsStateModule = {
  state: "PA",
  compute: computePennsylvania,
  certificate: PA_RESIDENCY_CERTIFICATION,
  coverage: [
    {
      jurisdiction: "US-PA",
      status: "PARTIAL",
      taxYears: Object.keys(PA).map(Number),
      lineCodes: [
        { code: "US_PA_SIT", kind: "EMPLOYEE_TAX", where: "US-PA", meaning: "Pennsylvania personal income tax" },
        { code: "US_PA_UC_EE", kind: "EMPLOYEE_TAX", where: "US-PA", meaning: "Pennsylvania unemployment compensation, employee share" },
      ],
      sources: Object.values(PA).map((e) => e.citation),
      note: "PIT 3.07% and the UC employee share are computed; local Earned Income Tax (Act 32) is its own entry (US-PA-EIT); Local Services Tax is not computed.",
    },
    {
      jurisdiction: "US-PA-EIT",
      status: "PARTIAL",
      taxYears: [...new Set(Object.values(PA_EIT_REGISTER).flatMap((e) => e.taxYears))].sort((a, b) => a - b),
      lineCodes: [{ code: "US_PA_EIT_EE", kind: "EMPLOYEE_TAX", where: "US-PA", meaning: "Pennsylvania local Earned Income Tax (Act 32)" }],
      sources: Object.values(PA_EIT_REGISTER).map((e) => e.citation),
      note:
        "Local EIT from the Residency Certification Form (paResidencyCertification), the higher of the resident and work-location non-resident rates, " +
        `for PSD codes ${Object.keys(PA_EIT_REGISTER).join(", ")}; any other PSD code is an UNSUPPORTED_TAX_JURISDICTION blocker naming it; no form on file: not computed (stated on US_PA_SIT).`,
    },
  ],
};
