import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { badInput } from "../../shared/errors";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { withConstraintErrors } from "../../db/constraint-errors";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import { payScheduleRepository } from "./pay-schedule.repository";
import { payPeriodById, payScheduleById } from "./pay-schedule.loaders";
import { toPayPeriod, toPaySchedule, type PaySchedule, type PayScheduleRow } from "./pay-schedule.type";
import { firstPeriodStartProblem, generatePayPeriods, MAX_PERIODS_AHEAD, PERIODS_PER_YEAR } from "../../shared/calendar";
import { DEFAULT_PAY_DATE_OFFSET_DAYS, type CreatePayScheduleInput, type PayPeriodsArgs, type PaySchedulesArgs } from "./pay-schedule.input";

const NAME_MAX = 100;

/** Use cases about pay schedules and their periods. Reads need `payroll:read`, creation `payroll:write`. */
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
    const periods = generatePayPeriods({ frequency: input.frequency, firstPeriodStart: input.firstPeriodStart, payDateOffsetDays: offset, count }).map((p) => ({
      id: newId(),
      clientId,
      payScheduleId: scheduleId,
      ...p,
    }));
    // A concurrent request may create the same name first: the unique key decides.
    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<PayScheduleRow>> => {
        if (await payScheduleRepository.nameTaken(tx, clientId, name)) {
          return failed(userError(["name"], UserErrorCode.DUPLICATE_NAME, "This client already has a pay schedule with this name"));
        }
        const created = await payScheduleRepository.insert(
          tx,
          { id: scheduleId, clientId, name, country: input.country, frequency: input.frequency, firstPeriodStart: input.firstPeriodStart, payDateOffsetDays: offset },
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
            periods: created.periods.map((p) => ({ id: p.id, startDate: p.startDate, endDate: p.endDate, payDate: p.payDate })),
          },
        });
        return succeeded(created.schedule);
      });
      return mapResult(result, toPaySchedule);
    });
  }
}
