import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { EventType } from "../events/event-type.enum";
import { EVENT_TYPES, type EventTypeName } from "../events/event-types";
import { WebhookDeliveryStatus } from "./webhook.type";

@InputType({ description: "A new webhook endpoint." })
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: "The client whose events are delivered (one the caller may act for)." })
  clientId!: string;

  @Field(() => String, {
    description:
      "Where to POST: `https://` (production), and a host that resolves to public addresses only. Outside production `http://localhost` works too. At most 2,000 characters.",
  })
  url!: string;

  @Field(() => [EventType], { nullable: true, description: `Event types to deliver; empty or absent: every type. At most ${EVENT_TYPES.length}.` })
  eventTypes?: EventTypeName[] | null;

  @Field(() => String, { nullable: true, description: "A note for the owner, at most 500 characters." })
  description?: string | null;
}

@InputType({ description: "Changes to a webhook endpoint; absent fields keep their value." })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: "The endpoint." })
  webhookEndpointId!: string;

  @Field(() => String, { nullable: true, description: "New URL (same rules as on creation)." })
  url?: string | null;

  @Field(() => [EventType], { nullable: true, description: "New event types; empty: every type. Applies to events not yet delivered." })
  eventTypes?: EventTypeName[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "false stops deliveries; true resumes them from the first event not yet delivered (after a disablement too, with a fresh retry schedule).",
  })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: "New note, at most 500 characters." })
  description?: string | null;
}

@InputType({ description: "The webhook endpoint to delete." })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: "The endpoint." })
  webhookEndpointId!: string;
}

@InputType({ description: "The webhook endpoint whose secret to rotate." })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: "The endpoint." })
  webhookEndpointId!: string;
}

@InputType({ description: "Replays an endpoint's events from a cursor." })
export class RedeliverWebhookEventsInput {
  @Field(() => ID, { description: "The endpoint." })
  endpointId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "An event cursor of the endpoint's client (`cursor` of a delivered envelope, of `events` or of `webhookDeliveries`): every matching event after it is sent again. Absent: from the client's first event.",
  })
  after?: string | null;
}

@ArgsType()
export class WebhookEndpointsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's endpoints." })
  clientId?: string | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The endpoint." })
  endpointId!: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: "Only attempts with this outcome." })
  status?: WebhookDeliveryStatus | null;
}
