import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Worker } from "./worker.type";

@ObjectType({ description: "Result of `createWorker`." })
export class CreateWorkerPayload {
  @Field(() => Worker, { nullable: true, description: "The new worker; null when `userErrors` is not empty." })
  worker!: Worker | null;

  @Field(() => [UserError], { description: "What to fix in the input; empty on success." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateWorker`." })
export class UpdateWorkerPayload {
  @Field(() => Worker, { nullable: true, description: "The worker after the change; null when `userErrors` is not empty." })
  worker!: Worker | null;

  @Field(() => [UserError], { description: "What to fix in the input; empty on success." })
  userErrors!: UserError[];
}
