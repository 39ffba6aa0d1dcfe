import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { badInput } from "../../shared/errors";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { userErrorOf, withConstraintErrors } from "../../db/constraint-errors";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import { payScheduleRepository } from "./pay-schedule.repository";
import { payPeriodById, payScheduleById } from "./pay-schedule.loaders";
import { toPayPeriod, toPaySchedule, type PaySchedule, type PayScheduleRow } from "./pay-schedule.type";
import { firstPeriodStartProblem, generatePayPeriods, MAX_PERIODS_AHEAD, PERIODS_PER_YEAR } from "../../shared/calendar";
import { DEFAULT_PAY_DATE_OFFSET_DAYS, type CreatePayScheduleInput, type PayPeriodsArgs, type PaySchedulesArgs, type UpdatePayScheduleInput } from "./pay-schedule.input";

const NAME_MAX = 100;

/** Use cases about pay schedules and their periods. Reads need `payroll:read`, creation and changes `payroll:write`. */
export class PayScheduleService {
  constructor(private readonly ctx: Context) {}

  async list(args: PaySchedulesArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("payroll:read");
    const request = toPageRequest(args);
    const filter = {
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      updatedSince: args.updatedSince,
    };
    const rows = await payScheduleRepository.page(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toPaySchedule, () => payScheduleRepository.count(db, principal.tenants, filter));
  }

  async listPeriods(args: PayPeriodsArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("payroll:read");
    const request = toPageRequest(args);
    if (args.from && args.to && args.from > args.to) throw badInput("`from` must not be after `to`", { argument: "from" });
    const filter = {
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      payScheduleId: args.payScheduleId != null ? requireGlobalId(args.payScheduleId, "PaySchedule", "payScheduleId") : null,
      from: args.from,
      to: args.to,
      updatedSince: args.updatedSince,
    };
    const rows = await payScheduleRepository.periodsPage(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toPayPeriod, () => payScheduleRepository.periodsCount(db, principal.tenants, filter));
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("payroll:read");
    const row = await this.ctx.loaders.get(payScheduleById).load(id);
    return row ? toPaySchedule(row) : null;
  }

  async periodById(id: string) {
    this.ctx.principal.assertScope("payroll:read");
    const row = await this.ctx.loaders.get(payPeriodById).load(id);
    return row ? toPayPeriod(row) : null;
  }

  async create(input: CreatePayScheduleInput): Promise<CommandResult<PaySchedule>> {
    const { principal, db } = this.ctx;
    principal.assertScope("payroll:write");

    const errors = new UserErrors();
    const clientId = parseGlobalId(input.clientId, "Client");
    if (clientId === null) {
      errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    } else if (!principal.canAccessClient(clientId) || (await this.ctx.loaders.get(clientById).load(clientId)) === null) {
      errors.add(["clientId"], UserErrorCode.NOT_FOUND, "No such client");
    }
    errors.text("name", input.name, NAME_MAX);
    const offset = input.payDateOffsetDays ?? DEFAULT_PAY_DATE_OFFSET_DAYS;
    if (offset < 0 || offset > 31) {
      errors.add(["payDateOffsetDays"], UserErrorCode.INVALID_INPUT, "payDateOffsetDays must be between 0 and 31");
    }
    const count = input.periodsAhead ?? PERIODS_PER_YEAR[input.frequency];
    if (count < 1 || count > MAX_PERIODS_AHEAD) {
      errors.add(["periodsAhead"], UserErrorCode.INVALID_INPUT, `periodsAhead must be between 1 and ${MAX_PERIODS_AHEAD}`);
    }
    const startProblem = firstPeriodStartProblem(input.frequency, input.firstPeriodStart);
    if (startProblem) errors.add(["firstPeriodStart"], UserErrorCode.INVALID_INPUT, startProblem);
    if (errors.any || clientId === null) return rejectedBy(errors);

    const name = input.name.trim();
    const scheduleId = newId();
    const adjustment = input.payDateAdjustment ?? "PREVIOUS_BUSINESS_DAY";
    const businessDays = { country: input.country, adjustment };
    const periods = generatePayPeriods({ frequency: input.frequency, firstPeriodStart: input.firstPeriodStart, payDateOffsetDays: offset, count, businessDays }).map((p) => ({
      id: newId(),
      clientId,
      payScheduleId: scheduleId,
      ...p,
    }));
    // A concurrent request may create the same name first: the unique key decides.
    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<PayScheduleRow>> => {
          const holder = await payScheduleRepository.idByName(tx, principal.tenants, clientId, name);
          if (holder !== null) return failed(userErrorOf("pay_schedules_client_name_key", conflictingIdFor(principal, "PaySchedule", holder)));
          const created = await payScheduleRepository.insert(
            tx,
            {
              id: scheduleId,
              clientId,
              name,
              country: input.country,
              frequency: input.frequency,
              firstPeriodStart: input.firstPeriodStart,
              payDateOffsetDays: offset,
              payDateAdjustment: adjustment,
            },
            periods,
          );
          await recordEvent(tx, {
            clientId,
            type: "paySchedule.created",
            objectType: "PaySchedule",
            objectId: scheduleId,
            actor: principal.actor,
            after: {
              name,
              country: input.country,
              frequency: input.frequency,
              firstPeriodStart: input.firstPeriodStart,
              payDateOffsetDays: offset,
              payDateAdjustment: adjustment,
              periods: created.periods.map((p) => ({ id: p.id, startDate: p.startDate, endDate: p.endDate, payDate: p.payDate })),
            },
          });
          return succeeded(created.schedule);
        });
        return mapResult(result, toPaySchedule);
      },
      {},
      { pay_schedules_client_name_key: async () => conflictingIdFor(principal, "PaySchedule", await payScheduleRepository.idByName(db, principal.tenants, clientId, name)) },
    );
  }

  /**
   * Renames a schedule, guarded by `expectedVersion`, and records a `paySchedule.updated` event. Country, frequency
   * and periods are fixed once created (runs and engagements refer to them): a different calendar is a new
   * schedule, and `updateEngagement` moves engagements to it.
   */
  async update(input: UpdatePayScheduleInput): Promise<CommandResult<PaySchedule>> {
    const { principal, db } = this.ctx;
    principal.assertScope("payroll:write");

    const errors = new UserErrors();
    const id = parseGlobalId(input.payScheduleId, "PaySchedule");
    if (id === null) errors.add(["payScheduleId"], UserErrorCode.INVALID_ID, "payScheduleId is not a valid PaySchedule ID");
    expectedVersionRule(errors, input.expectedVersion);
    const changes: { name?: string } = {};
    if (input.name === null) errors.add(["name"], UserErrorCode.INVALID_INPUT, "name cannot be removed");
    else if (input.name !== undefined) {
      errors.text("name", input.name, NAME_MAX);
      changes.name = input.name.trim();
    }
    if (errors.any || id === null) return rejectedBy(errors);
    let clientId: string | null = null; // known once the row is read; the race loser's lookup needs it

    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<PayScheduleRow>> => {
          const before = await payScheduleRepository.lockById(tx, principal.tenants, id);
          if (before === null) return failed(userError(["payScheduleId"], UserErrorCode.NOT_FOUND, "Pay schedule not found"));
          clientId = before.clientId;
          const stale = staleVersion("pay schedule", before.version, input.expectedVersion, canRead(principal, "PaySchedule"));
          if (stale) return failed(stale);
          if (changes.name !== undefined && changes.name !== before.name) {
            const holder = await payScheduleRepository.idByName(tx, principal.tenants, before.clientId, changes.name, id);
            if (holder !== null) return failed(userErrorOf("pay_schedules_client_name_key", conflictingIdFor(principal, "PaySchedule", holder)));
          }
          const after = await payScheduleRepository.update(tx, principal.tenants, id, input.expectedVersion, changes);
          if (after === null) throw new Error("pay schedule row locked but not updated"); // cannot happen under the row lock
          await recordEvent(tx, {
            clientId: after.clientId,
            type: "paySchedule.updated",
            objectType: "PaySchedule",
            objectId: id,
            actor: principal.actor,
            before: scheduleSnapshot(before),
            after: scheduleSnapshot(after),
          });
          return succeeded(after);
        });
        return mapResult(result, toPaySchedule);
      },
      {},
      {
        pay_schedules_client_name_key: async () => {
          const owner = clientId;
          return owner === null || changes.name === undefined
            ? null
            : conflictingIdFor(principal, "PaySchedule", await payScheduleRepository.idByName(db, principal.tenants, owner, changes.name, id));
        },
      },
    );
  }
}

/** A schedule in its events: calendar data, nothing personal. */
function scheduleSnapshot(row: PayScheduleRow) {
  return { name: row.name, country: row.country, frequency: row.frequency, firstPeriodStart: row.firstPeriodStart, payDateOffsetDays: row.payDateOffsetDays, version: row.version };
}
