import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader } from "../../db/nested-page-loader";
import { payScheduleRepository } from "./pay-schedule.repository";
import type { PayPeriodRow, PayScheduleRow } from "./pay-schedule.type";

export type { PayPeriodRow, PayScheduleRow };

/** Pay schedule by uuid, scoped to the caller's tenants (another tenant's schedule loads as null). */
export const payScheduleById: LoaderFactory<DataLoader<string, PayScheduleRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payScheduleRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Pay period by uuid, tenant-scoped. */
export const payPeriodById: LoaderFactory<DataLoader<string, PayPeriodRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payScheduleRepository.periodsByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** One page of periods per schedule (`PaySchedule.periods`), all schedules of a page in one statement. */
export const periodPagesByScheduleId: LoaderFactory<ReturnType<typeof nestedPageLoader<PayPeriodRow>>> = (db, principal) =>
  nestedPageLoader<PayPeriodRow>(
    (ids, request) => payScheduleRepository.periodsPageOfSchedules(db, principal.tenants, ids, request),
    (row) => row.payScheduleId,
  );

/** Number of periods per schedule (`PaySchedule.periods.totalCount`). */
export const periodCountByScheduleId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => payScheduleRepository.periodCountsOfSchedules(db, principal.tenants, ids));

/** One page of schedules per client (`Client.paySchedules`). */
export const schedulePagesByClientId: LoaderFactory<ReturnType<typeof nestedPageLoader<PayScheduleRow>>> = (db, principal) =>
  nestedPageLoader<PayScheduleRow>(
    (ids, request) => payScheduleRepository.pageOfClients(db, principal.tenants, ids, request),
    (row) => row.clientId,
  );

/** Number of schedules per client (`Client.paySchedules.totalCount`). */
export const scheduleCountByClientId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => payScheduleRepository.countsOfClients(db, principal.tenants, ids));
