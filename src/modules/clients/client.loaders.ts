import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { clientRepository, type ClientRow } from "./client.repository";

/** Client by uuid, scoped to the caller's tenants (another tenant's client loads as null). */
export const clientById: LoaderFactory<DataLoader<string, ClientRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await clientRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Jurisdictions where a client has its own legal entity. */
export const legalEntitiesByClientId: LoaderFactory<DataLoader<string, string[]>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await clientRepository.legalEntitiesOf(db, principal.tenants, ids);
    return ids.map((id) => rows.filter((r) => r.clientId === id).map((r) => r.jurisdiction));
  });
