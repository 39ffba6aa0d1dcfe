import { Field, InputType, Int, registerEnumType } from "type-graphql";
import { BenefitKind, HsaCoverage } from "../benefits/benefit-kind.enum";
import { LIST_LIMITS } from "../../shared/list-limits";
import { MoneyInput } from "../../shared/money";
import { DateScalar } from "../../shared/scalars";
import { Classification } from "../engagements/engagement.type";
import { PayFrequency } from "../pay-schedules/pay-schedule.type";
import { Td1Input, W4Input } from "../workers/worker.input";
import { WithholdingCertificatesInput } from "../workers/worker-certificates.type";

export enum PaycheckExemption {
  CPP = "CPP",
  EI = "EI",
  QPIP = "QPIP",
  SOCIAL_SECURITY = "SOCIAL_SECURITY",
  MEDICARE = "MEDICARE",
  FUTA = "FUTA",
}
registerEnumType(PaycheckExemption, {
  name: "PaycheckExemption",
  description: "A contribution the worker (and employer) are exempt from. Canadian values apply to `CA-*` jurisdictions only, US values to `US-*` ones.",
  valuesConfig: {
    CPP: { description: "Canada: no CPP/CPP2 (QPP/QPP2 in Quebec) contributions, employee or employer (e.g. CPT30 election, disability pension)." },
    EI: { description: "Canada: no EI premiums, employee or employer." },
    QPIP: { description: "Quebec: no QPIP premiums, employee or employer." },
    SOCIAL_SECURITY: { description: "US: no Social Security tax, employee or employer." },
    MEDICARE: { description: "US: no Medicare tax (nor Additional Medicare), employee or employer." },
    FUTA: { description: "US: no FUTA (employer)." },
  },
});

@InputType({ description: "One benefit deduction of the estimated paycheck: the engine applies the kind's tax treatment in the jurisdiction and its annual limit." })
export class BenefitDeductionInput {
  @Field(() => BenefitKind, { description: "The kind of benefit; must exist in the jurisdiction's country (`US_*` kinds in the US, `CA_*` kinds in Canada)." })
  kind!: BenefitKind;

  @Field(() => MoneyInput, { description: "Employee share for this pay period, in the country's currency (line `DED_<KIND>`); stopped at the annual limit where one applies." })
  employeeAmount!: MoneyInput;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "Employer share for this pay period (line `BEN_ER_<KIND>`); counts toward the HSA and dependent care limits; a taxable benefit where the kind says so (Canada).",
  })
  employerAmount?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "GROUP_TERM_LIFE in the US: the coverage amount (required there: coverage over $50,000 is imputed income)." })
  coverageAmount?: MoneyInput | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The employee's age on December 31 of the tax year: 401(k) catch-up (50+, 60–63), HSA catch-up (55+), group-term life Table I bracket. Omitted: no catch-up, and the highest Table I rate.",
  })
  employeeAge?: number | null;

  @Field(() => HsaCoverage, { nullable: true, description: "US_HSA: the HDHP coverage tier of the limit. Omitted: SELF (the lower limit)." })
  hsaCoverage?: HsaCoverage | null;
}

@InputType({ description: "Benefit contributions of one kind already made this calendar year (for the annual limits)." })
export class BenefitYearToDateInput {
  @Field(() => BenefitKind, { description: "The kind of benefit." })
  kind!: BenefitKind;

  @Field(() => MoneyInput, { description: "Employee contributions so far this year." })
  employeeAmount!: MoneyInput;

  @Field(() => MoneyInput, { nullable: true, description: "Employer contributions so far this year (the HSA and dependent care limits count them)." })
  employerAmount?: MoneyInput | null;
}

@InputType({
  description:
    "Amounts this employer paid earlier in the calendar year (before this paycheck), for the annual maxima. Each in the jurisdiction's currency; US fields for `US-*` jurisdictions, Canadian fields for `CA-*` ones. Omitted: zero.",
})
export class PaycheckYearToDateInput {
  @Field(() => MoneyInput, { nullable: true, description: "US: Social Security wages so far (wage base $184,500 in 2026)." })
  socialSecurityWages?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "US: Medicare wages so far (Additional Medicare above $200,000)." })
  medicareWages?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Canada: CPP (QPP in Quebec) pensionable earnings so far." })
  cppPensionableEarnings?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Canada: CPP (QPP) base and first additional contributions so far." })
  cppContributions?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Canada: CPP2 (QPP2) second additional contributions so far." })
  cpp2Contributions?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Canada: EI insurable earnings so far." })
  eiInsurableEarnings?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Canada: EI premiums so far." })
  eiPremiums?: MoneyInput | null;

  @Field(() => [BenefitYearToDateInput], { nullable: true, description: `Benefit contributions so far, one entry per kind (at most ${LIST_LIMITS.benefitKinds}).` })
  benefitContributions?: BenefitYearToDateInput[] | null;
}

@InputType({ description: "One hypothetical paycheck to estimate (nothing is stored)." })
export class EstimatePaycheckInput {
  @Field(() => String, { description: "Work jurisdiction, ISO 3166-2: a US state or DC (`US-CA`, `US-TX`) or a Canadian province or territory (`CA-ON`, `CA-QC`)." })
  jurisdiction!: string;

  @Field(() => Classification, { description: "Classification; must exist in the jurisdiction's country (W-2/1099 in the US, T4/T4A in Canada). Contractors get no withholding." })
  classification!: Classification;

  @Field(() => PayFrequency, { description: "Pay frequency: decides the number of pay periods a year used to annualize." })
  payFrequency!: PayFrequency;

  @Field(() => DateScalar, { description: "Pay (check) date: picks the tax year's tables (2026; 2025 where sourced)." })
  payDate!: string;

  @Field(() => MoneyInput, { description: 'Regular gross pay for the period, e.g. `{ amount: "2307.69", currency: USD }`; in the country\'s currency (USD or CAD).' })
  gross!: MoneyInput;

  @Field(() => MoneyInput, { nullable: true, description: "Supplemental wages (bonus) paid with this paycheck, taxed by the supplemental rules; same currency as `gross`." })
  supplemental?: MoneyInput | null;

  @Field(() => W4Input, {
    nullable: true,
    description:
      "US Form W-4 (2020 or later), amounts as MoneyInput in USD (annual, Step 4(c) per period). `US-*` only. Omitted for a US employee: a `MISSING_W4` blocker and no federal income tax line.",
  })
  w4?: W4Input | null;

  @Field(() => Td1Input, { nullable: true, description: "Canadian TD1 claim amounts, MoneyInput in CAD. `CA-*` only. Omitted: the basic personal amounts apply." })
  td1?: Td1Input | null;

  @Field(() => WithholdingCertificatesInput, {
    nullable: true,
    description:
      "State or provincial withholding certificates (California DE 4, Illinois IL-W-4, …), amounts in the jurisdiction's currency. Only the jurisdiction's own form is used; a form of the other country is refused. Omitted: the jurisdiction's documented default (stated on the tax line).",
  })
  certificates?: WithholdingCertificatesInput | null;

  @Field(() => [PaycheckExemption], { nullable: true, description: "Contributions the worker is exempt from." })
  exemptions?: PaycheckExemption[] | null;

  @Field(() => PaycheckYearToDateInput, { nullable: true, description: "Year-to-date amounts for the annual maxima; omitted: the first paycheck of the year." })
  yearToDate?: PaycheckYearToDateInput | null;

  @Field(() => [BenefitDeductionInput], {
    nullable: true,
    description: `Benefit deductions of the period (401(k), premiums, HSA, group RRSP, …), each with its tax treatment applied (lines \`DED_<KIND>\`, \`BEN_ER_<KIND>\`, imputed income). At most ${LIST_LIMITS.benefitDeductionsPerEstimate}.`,
  })
  benefitDeductions?: BenefitDeductionInput[] | null;
}
