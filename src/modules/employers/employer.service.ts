import type { Context } from "../../context";
import { rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { readMoneyInput } from "../../shared/money-input";
import { UserErrorCode, UserErrors } from "../../shared/user-error";
import { US_SUBDIVISIONS } from "../../shared/jurisdiction";
import { SUI_WAGE_BASES } from "../payroll/engine/us/tables/sui";
import { employerRepository } from "./employer.repository";
import { employerEntityById } from "./employer.loaders";
import type { SetEmployerSuiRateInput } from "./employer-sui-rate.input";
import { toEmployerEntity, toEmployerRegistration, toEmployerSuiRate, type EmployerRegistration, type EmployerSuiRate } from "./employer.type";

/** A percentage of 0 to 99.9999 with at most 4 decimals (the table's check constraint says the same). */
const SUI_RATE = /^\d{1,2}(\.\d{1,4})?$/;

/**
 * Reads of the EOR's employer entities. No scope: they are the EOR's public registrations, not client data;
 * authentication (checked for every request) is enough. Setting a registration's SUI rate is EOR staff's work:
 * `payroll:write` and the OPERATOR role (it changes what every client's runs charge).
 */
export class EmployerService {
  constructor(private readonly ctx: Context) {}

  async list() {
    const rows = await employerRepository.all(this.ctx.db);
    return rows.map(toEmployerEntity);
  }

  async byId(id: string) {
    const row = await this.ctx.loaders.get(employerEntityById).load(id);
    return row ? toEmployerEntity(row) : null;
  }

  async setSuiRate(input: SetEmployerSuiRateInput): Promise<CommandResult<{ suiRate: EmployerSuiRate; registration: EmployerRegistration }>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:write");
    principal.assertRole("OPERATOR");
    const errors = new UserErrors();
    const entityId = parseGlobalId(input.employerEntityId, "EmployerEntity");
    const entity = entityId === null ? null : await loaders.get(employerEntityById).load(entityId);
    if (entityId === null) errors.add(["employerEntityId"], UserErrorCode.INVALID_ID, "employerEntityId is not a valid EmployerEntity ID");
    else if (entity === null) errors.add(["employerEntityId"], UserErrorCode.NOT_FOUND, "No such employer entity");
    else if (entity.country !== "US") errors.add(["employerEntityId"], UserErrorCode.INVALID_INPUT, "State unemployment insurance rates belong to the US employer entity");
    const state = /^US-([A-Z]{2})$/.exec(input.jurisdiction)?.[1];
    if (state === undefined || !(US_SUBDIVISIONS as readonly string[]).includes(state)) {
      errors.add(["jurisdiction"], UserErrorCode.INVALID_JURISDICTION, "jurisdiction must be a US state or DC, ISO 3166-2 (`US-CA`)");
    }
    if (!Number.isInteger(input.taxYear) || input.taxYear < 2000 || input.taxYear > 2100)
      errors.add(["taxYear"], UserErrorCode.INVALID_INPUT, "taxYear must be between 2000 and 2100");
    if (!SUI_RATE.test(input.rate)) errors.add(["rate"], UserErrorCode.INVALID_INPUT, 'rate must be a percentage from 0 to 99.9999 with at most 4 decimals, e.g. "3.4"');
    let wageBase: number | null = null;
    if (input.wageBase != null) {
      wageBase = readMoneyInput(errors, ["wageBase"], input.wageBase, "USD", { positive: true, what: "wageBase" });
    } else if (state !== undefined && !SUI_WAGE_BASES[input.taxYear]?.[state]) {
      errors.add(["wageBase"], UserErrorCode.INVALID_INPUT, `No published ${input.jurisdiction} wage base for ${input.taxYear} is loaded: give the notice's wageBase`);
    }
    const registration = entityId !== null && errors.list.length === 0 ? await employerRepository.registrationOf(db, entityId, input.jurisdiction) : null;
    if (errors.list.length === 0 && registration === null) {
      errors.add(["jurisdiction"], UserErrorCode.NOT_FOUND, `The employer entity has no registration in ${input.jurisdiction}`);
    }
    if (errors.list.length > 0 || registration === null) return rejectedBy(errors);
    const row = await employerRepository.upsertSuiRate(db, { employerRegistrationId: registration.id, taxYear: input.taxYear, rate: input.rate, wageBase });
    return succeeded({ suiRate: toEmployerSuiRate(row, registration.jurisdiction), registration: toEmployerRegistration(registration) });
  }
}
