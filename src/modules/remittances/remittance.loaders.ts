import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader } from "../../db/nested-page-loader";
import { remittanceRepository } from "./remittance.repository";
import type { RemittanceRow } from "./remittance.type";

/** Remittance by uuid, tenant-scoped (another tenant's remittance loads as null). */
export const remittanceById: LoaderFactory<DataLoader<string, RemittanceRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await remittanceRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** One page of remittances per run (`PayrollRun.remittances`). */
export const remittancePagesByRunId: LoaderFactory<ReturnType<typeof nestedPageLoader<RemittanceRow>>> = (db, principal) =>
  nestedPageLoader<RemittanceRow>(
    (ids, request) => remittanceRepository.pageOfRuns(db, principal.tenants, ids, request),
    (row) => row.payrollRunId,
  );

/** Number of remittances per run (`PayrollRun.remittances.totalCount`). */
export const remittanceCountByRunId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => remittanceRepository.countsOfRuns(db, principal.tenants, ids));
