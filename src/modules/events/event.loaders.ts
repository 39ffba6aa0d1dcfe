import type DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader } from "../../db/nested-page-loader";
import { eventRepository, type ClientEventRow } from "./event.repository";

/** One page of events per payroll run (`PayrollRun.events`), in seq order: one statement for a page of runs. */
export const eventPagesByRunId: LoaderFactory<ReturnType<typeof nestedPageLoader<ClientEventRow>>> = (db, principal) =>
  nestedPageLoader<ClientEventRow>(
    (ids, request) => eventRepository.pagesOfObjects(db, principal.tenants, "PayrollRun", ids, request),
    (row) => row.objectId,
  );

/** Number of events per payroll run (`PayrollRun.events.totalCount`). */
export const eventCountByRunId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => eventRepository.countsOfObjects(db, principal.tenants, "PayrollRun", ids));
