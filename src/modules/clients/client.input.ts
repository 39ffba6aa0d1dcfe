import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateTimeScalar } from "../../shared/scalars";
import { ClientStatus } from "./client.type";

@InputType({ description: "A new client." })
export class CreateClientInput {
  @Field(() => String, { description: "Company name, 1-200 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for this client (at most 100 characters), unique across clients." })
  externalId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Where the client has its own legal entity: countries (`US`, `CA`) or subdivisions (`US-CA`). PEO engagements are possible only there.",
  })
  legalEntityJurisdictions?: string[] | null;
}

@ArgsType()
export class ClientsArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only clients changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;

  @Field(() => ClientStatus, { nullable: true, description: "Only clients with this status." })
  status?: ClientStatus | null;
}

@InputType({ description: "Changes to a client. Omitted fields are unchanged; `externalId: null` clears it." })
export class UpdateClientInput {
  @Field(() => ID, { description: "The client (global ID)." })
  clientId!: string;

  @Field(() => Int, { description: "The `version` the caller last read; a different current version is a `STALE_VERSION` userError and nothing changes." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "New company name, 1-200 characters." })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "New externalId (at most 100 characters), unique across clients (`DUPLICATE_EXTERNAL_ID` with `conflictingId` otherwise); null clears it.",
  })
  externalId?: string | null;

  @Field(() => ClientStatus, { nullable: true, description: "New service status." })
  status?: ClientStatus | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "The whole new list of legal entity jurisdictions (replaces the current one; `[]` removes every one). A jurisdiction that a PEO engagement not yet ended works in must stay covered (`PEO_REQUIRES_LEGAL_ENTITY`).",
  })
  legalEntityJurisdictions?: string[] | null;
}
