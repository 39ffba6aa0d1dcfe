import { registerEnumType } from "type-graphql";
import { BENEFIT_KINDS, type BenefitKind as BenefitKindValue } from "../../shared/benefit-kind";
import { enumObject } from "../../shared/enum-object";

/**
 * The GraphQL enums of benefits shared by the benefits module (plans, enrollments) and `estimatePaycheck`.
 * `BenefitKind`'s values are src/shared/benefit-kind.ts's, so the graph, the database and the engine cannot differ;
 * each value's description states its tax treatment as the engine applies it (engine/benefits/treatment.ts).
 */
export const BenefitKind = enumObject(BENEFIT_KINDS);
export type BenefitKind = BenefitKindValue;
registerEnumType(BenefitKind, {
  name: "BenefitKind",
  description:
    "A kind of benefit plan. Statement lines: `DED_<KIND>` (employee share) and `BEN_ER_<KIND>` (employer share). Kinds prefixed `US_` or `CA_` exist in that country only; MEDICAL, DENTAL, VISION and GROUP_TERM_LIFE in both.",
  valuesConfig: {
    MEDICAL: {
      description:
        "Medical insurance premium. US: the employee share is a §125 pre-tax salary reduction (reduces income tax, Social Security, Medicare and FUTA wages). Canada: the employee share reduces nothing; the employer share is not a taxable benefit, except for Quebec income tax and QPP.",
    },
    DENTAL: { description: "Dental insurance premium: treated like MEDICAL in both countries." },
    VISION: { description: "Vision insurance premium: treated like MEDICAL in both countries." },
    US_401K: {
      description:
        "US 401(k) pre-tax elective deferral: reduces federal and most states' income tax wages (not Pennsylvania's), not Social Security, Medicare or FUTA wages. One annual limit with US_ROTH_401K ($24,500 in 2026, catch-up from age 50).",
    },
    US_ROTH_401K: { description: "US Roth 401(k) deferral, after tax: reduces no wage base; shares the elective deferral limit with US_401K." },
    US_HSA: {
      description:
        "US health savings account contribution through a §125 plan: reduces income tax, Social Security, Medicare and FUTA wages (not California or New Jersey income tax wages). Annual limit counts employee and employer shares ($4,400 self-only / $8,750 family in 2026).",
    },
    US_HEALTH_FSA: { description: "US health flexible spending account (§125): reduces income tax, Social Security, Medicare and FUTA wages; $3,400 employee limit in 2026." },
    US_DEPENDENT_CARE_FSA: {
      description:
        "US dependent care flexible spending account (§§125, 129): reduces income tax, Social Security, Medicare and FUTA wages; $7,500 limit from 2026 (employee + employer).",
    },
    GROUP_TERM_LIFE: {
      description:
        "Group term life insurance. US: coverage over $50,000 is imputed income (IRS Table I) subject to Social Security and Medicare; the employee's after-tax share reduces it. Canada: the employer-paid premium is a taxable benefit for income tax and CPP/QPP, not EI or QPIP.",
    },
    CA_GROUP_RRSP: {
      description:
        "Canadian group RRSP contribution deducted at source: reduces income subject to tax withholding (T4127 factor F), not CPP/QPP or EI earnings. An employer contribution is a taxable, pensionable and insurable benefit (deducted as F for tax).",
    },
    CA_HEALTH_DENTAL: {
      description:
        "Canadian private health and dental plan premium: the employee share reduces nothing (a medical expense credit at filing); the employer share is not a taxable benefit, except for Quebec income tax and QPP.",
    },
  },
});

export const HsaCoverage = enumObject(["SELF", "FAMILY"] as const);
export type HsaCoverage = keyof typeof HsaCoverage;
registerEnumType(HsaCoverage, {
  name: "HsaCoverage",
  description: "The high-deductible health plan coverage that sets a US HSA's annual limit (Rev. Proc. 2025-19).",
  valuesConfig: {
    SELF: { description: "Self-only coverage ($4,400 in 2026)." },
    FAMILY: { description: "Family coverage ($8,750 in 2026)." },
  },
});
