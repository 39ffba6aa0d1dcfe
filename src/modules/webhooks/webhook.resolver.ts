import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { WebhookDeliveryConnection, WebhookEndpoint, WebhookEndpointConnection } from "./webhook.type";
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookEventsInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
  WebhookEndpointsArgs,
} from "./webhook.input";
import {
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  RedeliverWebhookEventsPayload,
  RotateWebhookSecretPayload,
  UpdateWebhookEndpointPayload,
} from "./webhook.payload";
import { WebhookService } from "./webhook.service";

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => WebhookEndpointConnection, {
    description: "Webhook endpoints the caller manages (a PARTNER: those it created; a CLIENT: its client's; an OPERATOR: all), in creation order. Needs `webhooks:read`.",
  })
  webhookEndpoints(@Args(() => WebhookEndpointsArgs) args: WebhookEndpointsArgs, @Ctx() ctx: Context) {
    return new WebhookService(ctx).list(args);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "Every delivery attempt to an endpoint, in the order they were made: time, HTTP status, latency, error, next retry. Needs `webhooks:read`.",
  })
  webhookDeliveries(@Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs, @Ctx() ctx: Context) {
    return new WebhookService(ctx).deliveries(args);
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Registers an endpoint for a client's events and answers its signing secret, shown only here. Needs `webhooks:write`.",
  })
  async createWebhookEndpoint(@Arg("input", () => CreateWebhookEndpointInput, { description: "The endpoint to create." }) input: CreateWebhookEndpointInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new WebhookService(ctx).create(input), { webhookEndpoint: null, secret: null });
  }

  @Mutation(() => UpdateWebhookEndpointPayload, { description: "Changes an endpoint's URL, event types, note, or enables / disables it. Needs `webhooks:write`." })
  async updateWebhookEndpoint(@Arg("input", () => UpdateWebhookEndpointInput, { description: "The changes." }) input: UpdateWebhookEndpointInput, @Ctx() ctx: Context) {
    return toPayload("webhookEndpoint", await new WebhookService(ctx).update(input));
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { description: "Deletes an endpoint and its delivery log; nothing more is sent to it. Needs `webhooks:write`." })
  async deleteWebhookEndpoint(@Arg("input", () => DeleteWebhookEndpointInput, { description: "The endpoint to delete." }) input: DeleteWebhookEndpointInput, @Ctx() ctx: Context) {
    return toPayload("deletedWebhookEndpointId", await new WebhookService(ctx).delete(input.webhookEndpointId));
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: "Replaces an endpoint's signing secret; the old one keeps signing beside the new one for 24 h. The new secret is shown only here. Needs `webhooks:write`.",
  })
  async rotateWebhookSecret(@Arg("input", () => RotateWebhookSecretInput, { description: "The endpoint." }) input: RotateWebhookSecretInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new WebhookService(ctx).rotateSecret(input.webhookEndpointId), { webhookEndpoint: null, secret: null });
  }

  @Mutation(() => RedeliverWebhookEventsPayload, {
    description:
      "Sends an endpoint's events again from an event cursor, in the client's sequence order (after an outage on the receiver's side). Events already delivered are sent again with their same `webhook-id`. Needs `webhooks:write`.",
  })
  async redeliverWebhookEvents(
    @Arg("input", () => RedeliverWebhookEventsInput, { description: "The endpoint and the cursor." }) input: RedeliverWebhookEventsInput,
    @Ctx() ctx: Context,
  ) {
    return toPayload("webhookEndpoint", await new WebhookService(ctx).redeliver(input));
  }
}
