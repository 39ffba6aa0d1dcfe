/**
 * DataLoaders of payroll runs, statements, lines, blockers and one-off earnings (field resolvers read through these).
 */
import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader } from "../../db/nested-page-loader";
import { payrollRepository } from "./payroll.repository";
import type { OneOffEarningRow, PayrollRunBlockerRow, PayrollRunRow, PayStatementLineRow, PayStatementRow, RunTotalsRow, YearToDateLineRow } from "./payroll.type";

/** Payroll run by uuid, tenant-scoped (another tenant's run loads as null). */
export const payrollRunById: LoaderFactory<DataLoader<string, PayrollRunRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.runsByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

const NO_STATEMENTS: RunTotalsRow = { gross: 0, net: 0, employeeTaxes: 0, employerTaxes: 0, deductions: 0, statementCount: 0 };

/** Totals of each run: one aggregate query for every run of a page. */
export const runTotalsByRunId: LoaderFactory<DataLoader<string, RunTotalsRow>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.totalsOfRuns(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.runId, r]));
    return ids.map((id) => byId.get(id) ?? NO_STATEMENTS);
  });

/** Pay statement by uuid, tenant-scoped. */
export const payStatementById: LoaderFactory<DataLoader<string, PayStatementRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.statementsByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** One page of statements per run (`PayrollRun.statements`). */
export const statementPagesByRunId: LoaderFactory<ReturnType<typeof nestedPageLoader<PayStatementRow>>> = (db, principal) =>
  nestedPageLoader<PayStatementRow>(
    (ids, request) => payrollRepository.statementsPageOfRuns(db, principal.tenants, ids, request),
    (row) => row.payrollRunId,
  );

/** Number of statements per run (`PayrollRun.statements.totalCount`). */
export const statementCountByRunId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => payrollRepository.statementCountsOfRuns(db, principal.tenants, ids));

/** Lines of each statement, in the order the engine wrote them. */
export const linesByStatementId: LoaderFactory<DataLoader<string, PayStatementLineRow[]>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.linesOfStatements(db, principal.tenants, ids);
    const byStatement = new Map<string, PayStatementLineRow[]>();
    for (const row of rows) byStatement.set(row.payStatementId, [...(byStatement.get(row.payStatementId) ?? []), row]);
    return ids.map((id) => byStatement.get(id) ?? []);
  });

/** Year-to-date sums per line code of each statement (`PayStatement.yearToDate`): one grouped query for a page of statements. */
export const yearToDateByStatementId: LoaderFactory<DataLoader<string, YearToDateLineRow[]>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.yearToDateOfStatements(db, principal.tenants, ids);
    const byStatement = new Map<string, YearToDateLineRow[]>();
    for (const row of rows) {
      const list = byStatement.get(row.statementId);
      if (list) list.push(row);
      else byStatement.set(row.statementId, [row]);
    }
    return ids.map((id) => byStatement.get(id) ?? []);
  });

/** One-off earning by uuid, tenant-scoped (`node`, `removeOneOffEarning`). */
export const oneOffEarningById: LoaderFactory<DataLoader<string, OneOffEarningRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await payrollRepository.oneOffEarningsByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** One page of blockers per run (`PayrollRun.blockers`). */
export const blockerPagesByRunId: LoaderFactory<ReturnType<typeof nestedPageLoader<PayrollRunBlockerRow>>> = (db, principal) =>
  nestedPageLoader<PayrollRunBlockerRow>(
    (ids, request) => payrollRepository.blockersPageOfRuns(db, principal.tenants, ids, request),
    (row) => row.payrollRunId,
  );

/** Number of blockers per run (`PayrollRun.blockers.totalCount`). */
export const blockerCountByRunId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => payrollRepository.blockerCountsOfRuns(db, principal.tenants, ids));

/** One page of one-off earnings per run (`PayrollRun.oneOffEarnings`). */
export const oneOffEarningPagesByRunId: LoaderFactory<ReturnType<typeof nestedPageLoader<OneOffEarningRow>>> = (db, principal) =>
  nestedPageLoader<OneOffEarningRow>(
    (ids, request) => payrollRepository.oneOffEarningsPageOfRuns(db, principal.tenants, ids, request),
    (row) => row.payrollRunId,
  );

/** Number of one-off earnings per run (`PayrollRun.oneOffEarnings.totalCount`). */
export const oneOffEarningCountByRunId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => payrollRepository.oneOffEarningCountsOfRuns(db, principal.tenants, ids));
