/** Payroll use cases of the read side and of DRAFT run creation. */
import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { currencyOf } from "../../shared/jurisdiction";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { conflictingIdFor } from "../../auth/read-scopes";
import { userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import { payPeriodById, payScheduleById } from "../pay-schedules/pay-schedule.loaders";
import { employerEntityByCountry } from "../employers/employer.loaders";
import { payrollRepository } from "./payroll.repository";
import { oneOffEarningById, payrollRunById, payStatementById } from "./payroll.loaders";
import { PayrollRunKind, toOneOffEarning, toPayrollRun, toPayStatement, type PayrollRun, type PayrollRunRow } from "./payroll.type";
import type { CreatePayrollRunInput, PayrollRunsArgs } from "./payroll.input";

/**
 * Use cases about payroll runs: the read side and DRAFT creation (the lifecycle after creation — one-off
 * earnings, calculation, approval, cancellation — is PayrollLifecycleService's). Reads need `payroll:read`,
 * creation `payroll:write`.
 */
export class PayrollService {
  constructor(private readonly ctx: Context) {}

  async list(args: PayrollRunsArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("payroll:read");
    const request = toPageRequest(args);
    const filter = {
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      payPeriodId: args.payPeriodId != null ? requireGlobalId(args.payPeriodId, "PayPeriod", "payPeriodId") : null,
      status: args.status,
      updatedSince: args.updatedSince,
    };
    const rows = await payrollRepository.runsPage(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toPayrollRun, () => payrollRepository.runsCount(db, principal.tenants, filter));
  }

  async runById(id: string) {
    this.ctx.principal.assertScope("payroll:read");
    const row = await this.ctx.loaders.get(payrollRunById).load(id);
    return row ? toPayrollRun(row) : null;
  }

  async oneOffEarningById(id: string) {
    this.ctx.principal.assertScope("payroll:read");
    const row = await this.ctx.loaders.get(oneOffEarningById).load(id);
    return row ? toOneOffEarning(row) : null;
  }

  async statementById(id: string) {
    this.ctx.principal.assertScope("payroll:read");
    const row = await this.ctx.loaders.get(payStatementById).load(id);
    return row ? toPayStatement(row) : null;
  }

  async create(input: CreatePayrollRunInput): Promise<CommandResult<PayrollRun>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:write");
    const errors = new UserErrors();
    const kind = input.kind ?? PayrollRunKind.REGULAR;

    const clientId = parseGlobalId(input.clientId, "Client");
    if (clientId === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    else if (!principal.canAccessClient(clientId) || (await loaders.get(clientById).load(clientId)) === null) {
      errors.add(["clientId"], UserErrorCode.NOT_FOUND, "No such client");
    }

    let period = null;
    if (input.payPeriodId != null) {
      const periodId = parseGlobalId(input.payPeriodId, "PayPeriod");
      if (periodId === null) errors.add(["payPeriodId"], UserErrorCode.INVALID_ID, "payPeriodId is not a valid PayPeriod ID");
      else {
        period = await loaders.get(payPeriodById).load(periodId);
        // Another client's period (even one the caller may see) is not this client's: answered like a missing one.
        if (period === null || period.clientId !== clientId) {
          if (clientId !== null) errors.add(["payPeriodId"], UserErrorCode.NOT_FOUND, "No such pay period for this client");
          period = null;
        }
      }
    } else if (kind === PayrollRunKind.REGULAR) {
      errors.add(["payPeriodId"], UserErrorCode.INVALID_INPUT, "A REGULAR run pays a pay period: payPeriodId is required");
    }

    const schedule = period ? await loaders.get(payScheduleById).load(period.payScheduleId) : null;
    const country = input.country ?? schedule?.country ?? null;
    if (schedule && input.country && input.country !== schedule.country) {
      errors.add(["country"], UserErrorCode.PAY_SCHEDULE_COUNTRY_MISMATCH, `The pay period's schedule pays in ${schedule.country}, not ${input.country}`);
    } else if (country === null && input.payPeriodId == null && kind === PayrollRunKind.OFF_CYCLE) {
      errors.add(["country"], UserErrorCode.INVALID_INPUT, "country is required for a run without a pay period");
    }
    const payDate = input.payDate ?? period?.payDate ?? null;
    if (payDate === null && input.payPeriodId == null && kind === PayrollRunKind.OFF_CYCLE) {
      errors.add(["payDate"], UserErrorCode.INVALID_INPUT, "payDate is required for a run without a pay period");
    }
    const employer = country ? await loaders.get(employerEntityByCountry).load(country) : null;
    if (country && employer === null) errors.add(["country"], UserErrorCode.NOT_FOUND, `The EOR has no employer entity in ${country}`);
    if (errors.any || clientId === null || employer === null || payDate === null || country === null) {
      return rejectedBy(errors);
    }

    const runId = newId();
    const outcome = await db.transaction(async (tx): Promise<CommandResult<PayrollRunRow>> => {
      if (period && kind === PayrollRunKind.REGULAR) {
        // Serialized per period by the lock: the check is the whole guard (no unique key, no race loser).
        await payrollRepository.lockPayPeriod(tx, period.id);
        const open = await payrollRepository.openRegularRunOf(tx, period.id);
        if (open) {
          return failed(
            userError(
              ["payPeriodId"],
              UserErrorCode.PAYROLL_RUN_EXISTS,
              `This pay period already has an open REGULAR payroll run (${open.status})`,
              conflictingIdFor(principal, "PayrollRun", open.id),
            ),
          );
        }
      }
      const created = await payrollRepository.insertRun(tx, {
        id: runId,
        clientId,
        employerEntityId: employer.id,
        payPeriodId: period?.id ?? null,
        kind,
        status: "DRAFT",
        currency: currencyOf(country),
        payDate,
      });
      await recordEvent(tx, {
        clientId,
        type: "payrollRun.created",
        objectType: "PayrollRun",
        objectId: runId,
        actor: principal.actor,
        after: { kind, status: created.status, payPeriodId: created.payPeriodId, payDate, currency: created.currency, employerEntityId: employer.id },
      });
      return succeeded(created);
    });
    return mapResult(outcome, toPayrollRun);
  }
}
