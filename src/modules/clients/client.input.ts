import { ArgsType, Field, InputType } from "type-graphql";
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
  @Field(() => DateTimeScalar, { nullable: true, description: "Only clients changed at or after this instant (incremental sync)." })
  updatedSince?: Date | null;

  @Field(() => ClientStatus, { nullable: true, description: "Only clients with this status." })
  status?: ClientStatus | null;
}
