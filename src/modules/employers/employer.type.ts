import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { toGlobalId } from "../../shared/global-id";
import { CountryCode } from "../../shared/country.enum";
import { Money, money } from "../../shared/money";
import { SUI_WAGE_BASES } from "../payroll/engine/us/tables/sui";
import type { employerEntities, employerRegistrations, employerSuiRates } from "./employer.table";

export type EmployerEntityRow = typeof employerEntities.$inferSelect;
export type EmployerRegistrationRow = typeof employerRegistrations.$inferSelect;
export type EmployerSuiRateRow = typeof employerSuiRates.$inferSelect;

@ObjectType("EmployerSuiRate", {
  description:
    "The state unemployment insurance (SUI) rate a US registration was assigned for one calendar year (the state's annual rate notice), set with `setEmployerSuiRate`. Every payroll run charges it as the employer line `US_<ST>_SUI_ER` on each employee's wages up to the wage base; a year without one blocks the run (`MISSING_EMPLOYER_RATE`).",
})
export class EmployerSuiRate {
  @Field(() => Int, { description: "The calendar year the rate applies to (pay dates in that year)." })
  taxYear!: number;

  @Field(() => String, { description: 'The rate, a percentage as written on the notice (`"3.4"` is 3.4%), at most 4 decimals.' })
  rate!: string;

  @Field(() => Money, {
    nullable: true,
    description: "The taxable wage base per employee the registration states for the year (USD); null: the state's published base (`publishedWageBase`).",
  })
  wageBase!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: "The state's published wage base for the year that the engine knows (engine/us/tables/sui.ts, cited); null when not loaded, in which case `wageBase` is required.",
  })
  publishedWageBase!: Money | null;

  @Field(() => DateTimeScalar, { description: "When the year's rate was last set." })
  updatedAt!: Date;
}

@ObjectType("EmployerRegistration", { description: "A tax registration of an employer entity with a state or provincial agency." })
export class EmployerRegistration {
  /** Database uuid; not a field. */
  dbId!: string;

  @Field(() => String, { description: "State or province, ISO 3166-2 (e.g. `US-CA`, `CA-QC`)." })
  jurisdiction!: string;

  @Field(() => String, { description: "The agency the entity is registered with (e.g. `California EDD`, `Revenu Québec`)." })
  agency!: string;

  @Field(() => String, { description: "The entity's withholding account number with that agency." })
  accountNumber!: string;
}

@ObjectType("EmployerEntity", {
  simpleResolvers: true,
  implements: Node,
  description: "The EOR's own legal entity in one country: the legal employer of EOR engagements there. Not client data: every authenticated caller may read it.",
})
export class EmployerEntity implements Node {
  id!: string;
  readonly nodeType = "EmployerEntity" as const;
  /** Database uuid; not a field. */
  dbId!: string;

  @Field(() => CountryCode, { description: "The country the entity employs in (one entity per country)." })
  country!: CountryCode;

  @Field(() => String, { description: "Registered legal name." })
  legalName!: string;

  @Field(() => String, {
    description: "Federal employer number: the EIN in the United States (`NN-NNNNNNN`), the BN in Canada (9 digits plus program account). Public registration numbers.",
  })
  taxId!: string;

  @Field(() => DateTimeScalar, { description: "When the entity was recorded." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the entity last changed." })
  updatedAt!: Date;
}

export function toEmployerEntity(row: EmployerEntityRow): EmployerEntity {
  const employer = new EmployerEntity();
  employer.id = toGlobalId("EmployerEntity", row.id);
  employer.dbId = row.id;
  employer.country = row.country;
  employer.legalName = row.legalName;
  employer.taxId = row.taxId;
  employer.createdAt = row.createdAt;
  employer.updatedAt = row.updatedAt;
  return employer;
}

export function toEmployerRegistration(row: EmployerRegistrationRow): EmployerRegistration {
  return Object.assign(new EmployerRegistration(), {
    dbId: row.id,
    jurisdiction: row.jurisdiction,
    agency: row.agency,
    accountNumber: row.accountNumber,
  });
}

export function toEmployerSuiRate(row: EmployerSuiRateRow, jurisdiction: string): EmployerSuiRate {
  const published = SUI_WAGE_BASES[row.taxYear]?.[jurisdiction.slice(3)];
  return Object.assign(new EmployerSuiRate(), {
    taxYear: row.taxYear,
    rate: row.rate,
    wageBase: row.wageBase === null ? null : money(row.wageBase, "USD"),
    publishedWageBase: published ? money(Number(published.wageBase), "USD") : null,
    updatedAt: row.updatedAt,
  });
}
