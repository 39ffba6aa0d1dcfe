import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Worker } from "./worker.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `createWorker`." })
export class CreateWorkerPayload {
  @Field(() => Worker, { nullable: true, description: "The new worker; null when `userErrors` is not empty." })
  worker!: Worker | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateWorker`." })
export class UpdateWorkerPayload {
  @Field(() => Worker, { nullable: true, description: "The worker after the change; null when `userErrors` is not empty." })
  worker!: Worker | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
