import { Field, ObjectType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { toGlobalId } from "../../shared/global-id";
import { CountryCode } from "../../shared/country.enum";
import type { employerEntities, employerRegistrations } from "./employer.table";

export type EmployerEntityRow = typeof employerEntities.$inferSelect;
export type EmployerRegistrationRow = typeof employerRegistrations.$inferSelect;

@ObjectType("EmployerRegistration", { description: "A tax registration of an employer entity with a state or provincial agency." })
export class EmployerRegistration {
  @Field(() => String, { description: "State or province, ISO 3166-2 (e.g. `US-CA`, `CA-QC`)." })
  jurisdiction!: string;

  @Field(() => String, { description: "The agency the entity is registered with (e.g. `California EDD`, `Revenu Québec`)." })
  agency!: string;

  @Field(() => String, { description: "The entity's withholding account number with that agency." })
  accountNumber!: string;
}

@ObjectType("EmployerEntity", {
  implements: Node,
  description: "The EOR's own legal entity in one country: the legal employer of EOR engagements there. Not client data: every authenticated caller may read it.",
})
export class EmployerEntity extends Node {
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
  return Object.assign(new EmployerEntity(), {
    id: toGlobalId("EmployerEntity", row.id),
    dbId: row.id,
    country: row.country,
    legalName: row.legalName,
    taxId: row.taxId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function toEmployerRegistration(row: EmployerRegistrationRow): EmployerRegistration {
  return Object.assign(new EmployerRegistration(), {
    jurisdiction: row.jurisdiction,
    agency: row.agency,
    accountNumber: row.accountNumber,
  });
}
