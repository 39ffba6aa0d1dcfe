import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Client } from "./client.type";

@ObjectType({ description: "Result of `createClient`." })
export class CreateClientPayload {
  @Field(() => Client, { nullable: true, description: "The new client; null when `userErrors` is not empty." })
  client!: Client | null;

  @Field(() => [UserError], { description: "What to fix in the input; empty on success." })
  userErrors!: UserError[];
}
