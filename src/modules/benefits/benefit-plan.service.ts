import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { dayNumber } from "../../shared/calendar";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { withConstraintErrors } from "../../db/constraint-errors";
import { canRead } from "../../auth/read-scopes";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { recordEvent } from "../events/event.repository";
import { clientById, legalEntitiesByClientId } from "../clients/client.loaders";
import { employerEntityByCountry } from "../employers/employer.loaders";
import { covers } from "../../shared/jurisdiction";
import { benefitRepository, type BenefitPlanChanges } from "./benefit.repository";
import { benefitPlanById } from "./benefit.loaders";
import { toBenefitPlan, type BenefitPlan, type BenefitPlanRow } from "./benefit-plan.type";
import { checkKindCountry, checkWaitingPeriod, readContributionRule, readMinimumHours, readPlanJurisdictions } from "./benefit-plan.rules";
import type { BenefitPlansArgs, CreateBenefitPlanInput, RetireBenefitPlanInput, UpdateBenefitPlanInput } from "./benefit.input";

const NAME_MAX = 100;
const CARRIER_MAX = 200;
/** Longest plan year: 366 days (a leap year). */
const PLAN_YEAR_MAX_DAYS = 366;

/** A plan in its events: plan design, nothing personal. */
function planSnapshot(row: BenefitPlanRow) {
  return {
    kind: row.kind,
    name: row.name,
    country: row.country,
    jurisdictions: row.jurisdictions,
    carrierName: row.carrierName,
    planYearStart: row.planYearStart,
    planYearEnd: row.planYearEnd,
    employeeMethod: row.employeeMethod,
    employeeAmount: row.employeeAmount,
    employeePercentBasisPoints: row.employeePercentBasisPoints,
    employerMethod: row.employerMethod,
    employerAmount: row.employerAmount,
    employerPercentBasisPoints: row.employerPercentBasisPoints,
    employerMatch: row.employerMatch,
    waitingPeriodDays: row.waitingPeriodDays,
    minHundredthsPerWeek: row.minHundredthsPerWeek,
    status: row.status,
    version: row.version,
  };
}

/**
 * Benefit plans. Reads need `benefits:read` (a caller sees its clients' own plans and the EOR plans of the
 * employer entities that employ its engagements); creating, changing and retiring need an OPERATOR with
 * `benefits:write`: the EOR designs the plans it administers.
 */
export class BenefitPlanService {
  constructor(private readonly ctx: Context) {}

  async list(args: BenefitPlansArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("benefits:read");
    const request = toPageRequest(args);
    const filter = {
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      country: args.country ?? null,
      kind: args.kind ?? null,
      status: args.status ?? null,
    };
    const rows = await benefitRepository.planPage(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toBenefitPlan, () => benefitRepository.planCount(db, principal.tenants, filter));
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("benefits:read");
    const row = await this.ctx.loaders.get(benefitPlanById).load(id);
    return row ? toBenefitPlan(row) : null;
  }

  async create(input: CreateBenefitPlanInput): Promise<CommandResult<BenefitPlan>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("benefits:write");
    principal.assertRole("OPERATOR");
    const errors = new UserErrors();
    let clientId: string | null = null;
    if (input.clientId != null) {
      clientId = parseGlobalId(input.clientId, "Client");
      if (clientId === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
      else if ((await loaders.get(clientById).load(clientId)) === null) errors.add(["clientId"], UserErrorCode.NOT_FOUND, "No such client");
      else if (!(await loaders.get(legalEntitiesByClientId).load(clientId)).some((j) => covers(j, input.country) || j.startsWith(`${input.country}-`))) {
        errors.add(["clientId"], UserErrorCode.PEO_REQUIRES_LEGAL_ENTITY, `A client's own (PEO) plan needs the client's legal entity in ${input.country}`);
      }
    }
    errors.text("name", input.name, NAME_MAX);
    errors.text("carrierName", input.carrierName, CARRIER_MAX);
    checkKindCountry(errors, input.kind, input.country);
    const jurisdictions = readPlanJurisdictions(errors, input.jurisdictions, input.country);
    if (input.planYearEnd < input.planYearStart) errors.add(["planYearEnd"], UserErrorCode.INVALID_DATE_RANGE, "planYearEnd must be on or after planYearStart");
    else if (dayNumber(input.planYearEnd) - dayNumber(input.planYearStart) + 1 > PLAN_YEAR_MAX_DAYS) {
      errors.add(["planYearEnd"], UserErrorCode.INVALID_DATE_RANGE, `A plan year is at most ${PLAN_YEAR_MAX_DAYS} days: a new plan year is a new plan`);
    }
    const waitingPeriodDays = input.waitingPeriodDays ?? 0;
    checkWaitingPeriod(errors, input.kind, waitingPeriodDays);
    const minHundredthsPerWeek = readMinimumHours(errors, input.minimumHoursPerWeek);
    const employee = readContributionRule(errors, "employeeContribution", input.employeeContribution, "employee", input.country);
    const employer = readContributionRule(errors, "employerContribution", input.employerContribution, "employer", input.country);
    if (employer?.method === "MATCH" && employee?.method === "NONE") {
      errors.add(["employerContribution", "method"], UserErrorCode.INVALID_CONTRIBUTION_RULE, "A MATCH needs an employee contribution to match");
    }
    if (errors.any || employee === null || employer === null || jurisdictions === null || minHundredthsPerWeek === undefined) return rejectedBy(errors);

    const entity = await loaders.get(employerEntityByCountry).load(input.country);
    if (entity === null) throw new Error(`No employer entity for ${input.country}`); // reference data: a deployment fault
    return withConstraintErrors(async () => {
      const row = await db.transaction(async (tx) => {
        const created = await benefitRepository.insertPlan(tx, {
          id: newId(),
          clientId,
          employerEntityId: entity.id,
          kind: input.kind,
          name: input.name.trim(),
          country: input.country,
          jurisdictions,
          carrierName: input.carrierName.trim(),
          planYearStart: input.planYearStart,
          planYearEnd: input.planYearEnd,
          employeeMethod: employee.method,
          employeeAmount: employee.amount,
          employeePercentBasisPoints: employee.percentBasisPoints,
          employerMethod: employer.method,
          employerAmount: employer.amount,
          employerPercentBasisPoints: employer.percentBasisPoints,
          employerMatch: employer.match,
          waitingPeriodDays,
          minHundredthsPerWeek,
        });
        await recordEvent(tx, { clientId, type: "benefitPlan.created", objectType: "BenefitPlan", objectId: created.id, actor: principal.actor, after: planSnapshot(created) });
        return created;
      });
      return succeeded(toBenefitPlan(row));
    });
  }

  async update(input: UpdateBenefitPlanInput): Promise<CommandResult<BenefitPlan>> {
    const { principal, loaders } = this.ctx;
    principal.assertScope("benefits:write");
    principal.assertRole("OPERATOR");
    const errors = new UserErrors();
    const id = parseGlobalId(input.benefitPlanId, "BenefitPlan");
    if (id === null) errors.add(["benefitPlanId"], UserErrorCode.INVALID_ID, "benefitPlanId is not a valid BenefitPlan ID");
    expectedVersionRule(errors, input.expectedVersion);
    const current = id === null ? null : await loaders.get(benefitPlanById).load(id);
    if (id !== null && current === null) errors.add(["benefitPlanId"], UserErrorCode.NOT_FOUND, "Benefit plan not found");
    if (errors.any || id === null || current === null) return rejectedBy(errors);

    const changes: BenefitPlanChanges = {};
    for (const field of ["name", "carrierName", "employeeContribution", "employerContribution", "waitingPeriodDays"] as const) {
      if (input[field] === null) errors.add([field], UserErrorCode.INVALID_INPUT, `${field} cannot be removed`);
    }
    if (input.name != null) {
      errors.text("name", input.name, NAME_MAX);
      changes.name = input.name.trim();
    }
    if (input.carrierName != null) {
      errors.text("carrierName", input.carrierName, CARRIER_MAX);
      changes.carrierName = input.carrierName.trim();
    }
    if (input.jurisdictions !== undefined) {
      const jurisdictions = readPlanJurisdictions(errors, input.jurisdictions, current.country);
      if (jurisdictions !== null) changes.jurisdictions = jurisdictions;
    }
    if (input.waitingPeriodDays != null) {
      checkWaitingPeriod(errors, current.kind, input.waitingPeriodDays);
      changes.waitingPeriodDays = input.waitingPeriodDays;
    }
    if (input.minimumHoursPerWeek !== undefined) {
      const min = readMinimumHours(errors, input.minimumHoursPerWeek);
      if (min !== undefined) changes.minHundredthsPerWeek = min;
    }
    if (input.employeeContribution != null) {
      const employee = readContributionRule(errors, "employeeContribution", input.employeeContribution, "employee", current.country);
      if (employee) Object.assign(changes, { employeeMethod: employee.method, employeeAmount: employee.amount, employeePercentBasisPoints: employee.percentBasisPoints });
    }
    if (input.employerContribution != null) {
      const employer = readContributionRule(errors, "employerContribution", input.employerContribution, "employer", current.country);
      if (employer) {
        Object.assign(changes, {
          employerMethod: employer.method,
          employerAmount: employer.amount,
          employerPercentBasisPoints: employer.percentBasisPoints,
          employerMatch: employer.match,
        });
      }
    }
    if ((changes.employerMethod ?? current.employerMethod) === "MATCH" && (changes.employeeMethod ?? current.employeeMethod) === "NONE") {
      errors.add(["employerContribution", "method"], UserErrorCode.INVALID_CONTRIBUTION_RULE, "A MATCH needs an employee contribution to match");
    }
    if (errors.any) return rejectedBy(errors);
    return this.write(id, input.expectedVersion, changes, "benefitPlan.updated");
  }

  async retire(input: RetireBenefitPlanInput): Promise<CommandResult<BenefitPlan>> {
    const { principal } = this.ctx;
    principal.assertScope("benefits:write");
    principal.assertRole("OPERATOR");
    const errors = new UserErrors();
    const id = parseGlobalId(input.benefitPlanId, "BenefitPlan");
    if (id === null) errors.add(["benefitPlanId"], UserErrorCode.INVALID_ID, "benefitPlanId is not a valid BenefitPlan ID");
    expectedVersionRule(errors, input.expectedVersion);
    if (errors.any || id === null) return rejectedBy(errors);
    return this.write(id, input.expectedVersion, { status: "RETIRED" }, "benefitPlan.retired");
  }

  /** Locks the plan, checks its version (and that a retired plan is not retired again), updates it and records the event. */
  private async write(id: string, expectedVersion: number, changes: BenefitPlanChanges, type: "benefitPlan.updated" | "benefitPlan.retired"): Promise<CommandResult<BenefitPlan>> {
    const { principal, db } = this.ctx;
    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<BenefitPlanRow>> => {
        const before = await benefitRepository.lockPlan(tx, principal.tenants, id);
        if (before === null) return failed(userError(["benefitPlanId"], UserErrorCode.NOT_FOUND, "Benefit plan not found"));
        const stale = staleVersion("benefit plan", before.version, expectedVersion, canRead(principal, "BenefitPlan"));
        if (stale) return failed(stale);
        if (type === "benefitPlan.retired" && before.status === "RETIRED") {
          return failed(userError(["benefitPlanId"], UserErrorCode.ILLEGAL_STATUS_TRANSITION, "The plan is already RETIRED"));
        }
        const after = await benefitRepository.updatePlan(tx, id, expectedVersion, changes);
        if (after === null) throw new Error("benefit plan row locked but not updated"); // cannot happen under the row lock
        await recordEvent(tx, {
          clientId: after.clientId,
          type,
          objectType: "BenefitPlan",
          objectId: id,
          actor: principal.actor,
          before: planSnapshot(before),
          after: planSnapshot(after),
        });
        return succeeded(after);
      });
      return mapResult(result, toBenefitPlan);
    });
  }
}
