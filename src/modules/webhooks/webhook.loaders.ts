import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { endpointAccess, webhookRepository } from "./webhook.repository";
import type { WebhookEndpointRow } from "./webhook.type";

/** Webhook endpoint by uuid, within the caller's access (another tenant's, or for a PARTNER another owner's, loads as null). */
export const webhookEndpointById: LoaderFactory<DataLoader<string, WebhookEndpointRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await webhookRepository.findByIds(db, endpointAccess(principal), ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
