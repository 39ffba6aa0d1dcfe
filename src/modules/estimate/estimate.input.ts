import { Field, InputType, registerEnumType } from "type-graphql";
import { MoneyInput } from "../../shared/money";
import { DateScalar } from "../../shared/scalars";
import { Classification } from "../engagements/engagement.type";
import { PayFrequency } from "../pay-schedules/pay-schedule.type";
import { Td1Input, W4Input } from "../workers/worker.input";

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

  @Field(() => [PaycheckExemption], { nullable: true, description: "Contributions the worker is exempt from." })
  exemptions?: PaycheckExemption[] | null;

  @Field(() => PaycheckYearToDateInput, { nullable: true, description: "Year-to-date amounts for the annual maxima; omitted: the first paycheck of the year." })
  yearToDate?: PaycheckYearToDateInput | null;
}
