import { registerEnumType } from "type-graphql";
import { BENEFIT_KINDS, type BenefitKind as BenefitKindValue } from "../../shared/benefit-kind";
import { enumObject } from "../../shared/enum-object";

/** The benefit kinds of src/shared/benefit-kind.ts (also the `benefit_kind` database enum's values). */
export const BenefitKind = enumObject(BENEFIT_KINDS);
export type BenefitKind = BenefitKindValue;
registerEnumType(BenefitKind, {
  name: "BenefitKind",
  description: "What a benefit plan provides; decides its tax treatment in gross-to-net and its statement line codes (`DED_<KIND>`, `BEN_ER_<KIND>`).",
  valuesConfig: {
    MEDICAL: { description: "Medical insurance (US: Section 125 pre-tax premium)." },
    DENTAL: { description: "Dental insurance (US: Section 125 pre-tax premium)." },
    VISION: { description: "Vision insurance (US: Section 125 pre-tax premium)." },
    US_401K: { description: "US 401(k) pre-tax elective deferral." },
    US_ROTH_401K: { description: "US Roth 401(k) after-tax elective deferral." },
    US_HSA: { description: "US health savings account contribution through payroll." },
    US_HEALTH_FSA: { description: "US health flexible spending account." },
    US_DEPENDENT_CARE_FSA: { description: "US dependent care flexible spending account." },
    GROUP_TERM_LIFE: { description: "Group-term life insurance (US: coverage over $50,000 is imputed income)." },
    CA_GROUP_RRSP: { description: "Canadian group registered retirement savings plan." },
    CA_HEALTH_DENTAL: { description: "Canadian extended health and dental plan." },
  },
});
