import { Field, ID, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { WebhookEndpoint } from "./webhook.type";

const USER_ERRORS = "What to fix in the input; empty on success. At most 50.";

@ObjectType({ description: "Result of `createWebhookEndpoint`." })
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The new endpoint; null when `userErrors` is not empty." })
  webhookEndpoint!: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: "The signing secret (`whsec_…`), shown only here: store it to verify the `webhook-signature` header. Null when `userErrors` is not empty.",
  })
  secret!: string | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateWebhookEndpoint`." })
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The endpoint as changed; null when `userErrors` is not empty." })
  webhookEndpoint!: WebhookEndpoint | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `deleteWebhookEndpoint`." })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: "Global ID of the deleted endpoint; null when `userErrors` is not empty." })
  deletedWebhookEndpointId!: string | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `rotateWebhookSecret`." })
export class RotateWebhookSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The endpoint; null when `userErrors` is not empty." })
  webhookEndpoint!: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The new secret (`whsec_…`), shown only here. For 24 h deliveries carry a signature with the new and one with the old secret. Null when `userErrors` is not empty.",
  })
  secret!: string | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `redeliverWebhookEvents`." })
export class RedeliverWebhookEventsPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The endpoint; null when `userErrors` is not empty." })
  webhookEndpoint!: WebhookEndpoint | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
