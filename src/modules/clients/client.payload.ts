import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Client } from "./client.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `createClient`." })
export class CreateClientPayload {
  @Field(() => Client, { nullable: true, description: "The new client; null when `userErrors` is not empty." })
  client!: Client | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateClient`." })
export class UpdateClientPayload {
  @Field(() => Client, { nullable: true, description: "The client after the change (new `version`); null when `userErrors` is not empty." })
  client!: Client | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
