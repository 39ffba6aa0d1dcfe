/**
 * Employment and contractor agreement templates as data: one per work jurisdiction and worker kind, with its
 * current version and the probation period it states. The template id names both (`US-CA-EMPLOYEE`), the
 * versioned id adds the version (`US-CA-EMPLOYEE-v3`). No document is stored: the graph records which template and
 * version was sent and the key terms at signature.
 *
 * Probation (employees): in Canada the period during which the employment-standards statute requires no notice of
 * termination — Ontario ESA 2000 s. 54 (three months), British Columbia ESA s. 63(1) (three consecutive months),
 * Quebec Act respecting labour standards s. 82 (three months of uninterrupted service), Alberta Employment
 * Standards Code s. 56 (90 days); elsewhere in Canada and in the US (employment at will: no statutory probation),
 * the EOR's policy of 90 days. Contractors: none. Sources in the README.
 */
import { isContractor, type Classification } from "../../shared/classification";

export interface AgreementTemplate {
  /** `<jurisdiction>-<EMPLOYEE|CONTRACTOR>`, e.g. `US-CA-EMPLOYEE`. */
  templateId: string;
  version: number;
  /** `<templateId>-v<version>`, e.g. `US-CA-EMPLOYEE-v3`. */
  versionedId: string;
  /** Probation in days (employees); null for contractors. */
  probationDays: number | null;
  /** What the probation rests on. */
  probationBasis: string | null;
}

/** Current versions of the templates revised since their first edition (every other template is at v1). */
const TEMPLATE_VERSIONS: Readonly<Record<string, number>> = {
  "US-CA-EMPLOYEE": 3,
  "US-NY-EMPLOYEE": 2,
  "CA-ON-EMPLOYEE": 2,
  "CA-QC-EMPLOYEE": 2,
};

/** Statutory probation (no notice of termination needed) by Canadian province, in days. */
const CA_STATUTORY_PROBATION: Readonly<Record<string, { days: number; basis: string }>> = {
  "CA-ON": { days: 90, basis: "Ontario Employment Standards Act, 2000, s. 54: no notice in the first three months" },
  "CA-BC": { days: 90, basis: "BC Employment Standards Act s. 63(1): no compensation for length of service before three consecutive months" },
  "CA-QC": { days: 90, basis: "Quebec Act respecting labour standards s. 82: notice after three months of uninterrupted service" },
  "CA-AB": { days: 90, basis: "Alberta Employment Standards Code s. 56: notice after 90 days of employment" },
};

const EOR_POLICY_DAYS = 90;

/** The template an engagement's agreement uses (every supported jurisdiction has one). */
export function agreementTemplateFor(workJurisdiction: string, classification: Classification): AgreementTemplate {
  const contractor = isContractor(classification);
  const templateId = `${workJurisdiction}-${contractor ? "CONTRACTOR" : "EMPLOYEE"}`;
  const version = TEMPLATE_VERSIONS[templateId] ?? 1;
  const statutory = CA_STATUTORY_PROBATION[workJurisdiction];
  const probation = contractor
    ? { days: null, basis: null }
    : statutory
      ? statutory
      : { days: EOR_POLICY_DAYS, basis: workJurisdiction.startsWith("US-") ? "EOR policy (US employment at will: no statutory probation)" : "EOR policy" };
  return { templateId, version, versionedId: `${templateId}-v${version}`, probationDays: probation.days, probationBasis: probation.basis };
}
