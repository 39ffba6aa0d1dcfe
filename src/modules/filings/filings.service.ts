import type { Context } from "../../context";
import { badInput, forbidden, notFound } from "../../shared/errors";
import { requireGlobalId } from "../../shared/global-id";
import type { CurrencyCode } from "../../shared/currency.enum";
import { workerById } from "../workers/worker.loaders";
import { employerEntityById, registrationsByEmployerEntityId, type EmployerEntityRow } from "../employers/employer.loaders";
import { filingsRepository, type FilingScope } from "./filings.repository";
import { periodProblem, quarterPeriod, yearPeriod } from "./filing-period";
import { ficaLimits, form941Values, stateWageTotals, w2Values } from "./us-forms";
import { caCaps, pd7aValues, rl1Values, t4Values } from "./ca-forms";
import {
  type FormW2,
  type QuarterlyFilings,
  type Rl1Slip,
  type T4Slip,
  QuarterlyFilings as QuarterlyFilingsType,
  toForm941,
  toFormW2,
  toPd7a,
  toRl1Slip,
  toStateWageReport,
  toT4Slip,
} from "./filings.type";

/** The scope of every filing read: the forms are tax data of the EOR's entity and personal pay data of workers. */
const SCOPE = "filings:read" as const;

/**
 * Filings as data (Form 941 and state wage reports, PD7A, W-2, T4, RL-1): computed from the approved (or later)
 * statements of an employer entity by pay date; nothing is stored. Needs `filings:read` (OPERATOR by default).
 *
 * Tenancy: an entity's quarterly filing spans every client, so the whole of it is for a caller of every tenant
 * (OPERATOR); with `clientId` a caller who may act for that client reads that client's share. A year-end form is
 * read only for a worker the caller's tenants include (another tenant's worker is NOT_FOUND). Values are never logged.
 */
export class FilingsService {
  constructor(private readonly ctx: Context) {}

  async quarterly(args: { employerEntityId: string; year: number; quarter: number; clientId?: string | null }): Promise<QuarterlyFilings> {
    const { principal } = this.ctx;
    principal.assertScope(SCOPE);
    const problem = periodProblem(args.year, args.quarter);
    if (problem) throw badInput(problem, { argument: problem.startsWith("year") ? "year" : "quarter" });
    const clientId = args.clientId ? requireGlobalId(args.clientId, "Client", "clientId") : undefined;
    if (clientId === undefined && !principal.tenants.all) {
      throw forbidden("An employer entity's filing covers every client: it needs an OPERATOR token, or `clientId` for one client's share");
    }
    if (clientId !== undefined && !principal.canAccessClient(clientId)) throw notFound("Client");
    const entity = await this.entity(args.employerEntityId);
    const period = quarterPeriod(args.year, args.quarter);
    const scope: FilingScope = { tenants: principal.tenants, employerEntityId: entity.id, clientId };
    const db = this.ctx.db;
    const result: QuarterlyFilings = Object.assign(new QuarterlyFilingsType(), {
      year: period.year,
      quarter: period.quarter,
      periodStart: period.from,
      periodEnd: period.to,
      currency: (entity.country === "US" ? "USD" : "CAD") as CurrencyCode,
    });
    result.form941 = null;
    result.stateWageReports = [];
    result.pd7aMonths = [];
    if (entity.country === "US") {
      const [rows, employees, deposits, registrations] = await Promise.all([
        filingsRepository.ledger(db, scope, period),
        filingsRepository.employeesPaidForPeriodIncluding(db, scope, period.twelfthOfThirdMonth),
        filingsRepository.confirmedFederalDeposits(db, scope, period.from, period.to),
        this.ctx.loaders.get(registrationsByEmployerEntityId).load(entity.id),
      ]);
      const limits = ficaLimits(args.year);
      if (!limits && rows.length > 0) throw badInput(`No Social Security wage base is sourced for ${args.year}: its Form 941 cannot be computed`, { reason: "MISSING_TAX_TABLE" });
      result.form941 = toForm941(form941Values(rows, limits ?? { socialSecurityWageBase: 0, additionalMedicareThreshold: 0 }, employees, deposits));
      const byJurisdiction = new Map(registrations.map((r) => [r.jurisdiction, r]));
      // The whole entity's filing reports every open registration (zero when nobody was paid there); a client's share only its states.
      const registered = clientId === undefined ? registrations.map((r) => r.jurisdiction) : [];
      result.stateWageReports = stateWageTotals(rows, registered).map((s) => toStateWageReport(s, byJurisdiction.get(`US-${s.state}`)));
    } else {
      const [sums, employees] = await Promise.all([
        filingsRepository.monthLineSums(db, scope, period.from, period.to),
        filingsRepository.employeesOnLastPayDateOfMonths(db, scope, period.from, period.to),
      ]);
      result.pd7aMonths = pd7aValues(period.months, sums, employees).map(toPd7a);
    }
    return result;
  }

  /** Form W-2 of a worker from the US entity; null when the entity paid the worker no W-2 wages that year. */
  async w2(args: { workerId: string; employerEntityId: string; year: number }): Promise<FormW2 | null> {
    const { worker, entity, year } = await this.yearEnd(args, "US");
    const rows = await filingsRepository.ledger(this.ctx.db, this.workerScope(entity, worker), yearPeriod(year));
    if (rows.length === 0) return null;
    const limits = ficaLimits(year);
    if (!limits) throw badInput(`No Social Security wage base is sourced for ${year}: its W-2 cannot be computed`, { reason: "MISSING_TAX_TABLE" });
    const registrations = await this.ctx.loaders.get(registrationsByEmployerEntityId).load(entity.id);
    const accounts = new Map(registrations.map((r) => [r.jurisdiction, r.accountNumber]));
    return toFormW2(w2Values(rows, limits), { workerDbId: worker, employerEntityDbId: entity.id, year }, accounts);
  }

  /** T4 slips of a worker from the Canadian entity, one per province of employment; empty when none. */
  async t4Slips(args: { workerId: string; employerEntityId: string; year: number }): Promise<T4Slip[]> {
    const { worker, entity, year } = await this.yearEnd(args, "CA");
    const rows = await filingsRepository.ledger(this.ctx.db, this.workerScope(entity, worker), yearPeriod(year));
    if (rows.length === 0) return [];
    return t4Values(rows, this.caps(year)).map((v) => toT4Slip(v, { workerDbId: worker, employerEntityDbId: entity.id, year }));
  }

  /** RL-1 of a worker's Quebec employment with the Canadian entity; null when there is none. */
  async rl1(args: { workerId: string; employerEntityId: string; year: number }): Promise<Rl1Slip | null> {
    const { worker, entity, year } = await this.yearEnd(args, "CA");
    const rows = await filingsRepository.ledger(this.ctx.db, this.workerScope(entity, worker), yearPeriod(year));
    const values = rows.length > 0 ? rl1Values(rows, this.caps(year)) : undefined;
    return values ? toRl1Slip(values, { workerDbId: worker, employerEntityDbId: entity.id, year }) : null;
  }

  private caps(year: number) {
    const caps = caCaps(year);
    if (!caps) throw badInput(`No T4127 edition is sourced for ${year}: its slips cannot be computed`, { reason: "MISSING_TAX_TABLE" });
    return caps;
  }

  private workerScope(entity: EmployerEntityRow, workerId: string): FilingScope {
    return { tenants: this.ctx.principal.tenants, employerEntityId: entity.id, workerId };
  }

  private async entity(globalId: string): Promise<EmployerEntityRow> {
    const id = requireGlobalId(globalId, "EmployerEntity", "employerEntityId");
    const entity = await this.ctx.loaders.get(employerEntityById).load(id);
    if (!entity) throw notFound("Employer entity");
    return entity;
  }

  /** Scope, year, the entity (of `country`) and the worker (within the caller's tenants) of a year-end form. */
  private async yearEnd(args: { workerId: string; employerEntityId: string; year: number }, country: "US" | "CA") {
    this.ctx.principal.assertScope(SCOPE);
    const problem = periodProblem(args.year);
    if (problem) throw badInput(problem, { argument: "year" });
    const workerId = requireGlobalId(args.workerId, "Worker", "workerId");
    const entity = await this.entity(args.employerEntityId);
    if (entity.country !== country) {
      throw badInput(`${country === "US" ? "A W-2" : "A T4 or RL-1"} is issued by the ${country} employer entity; this entity is the ${entity.country} one`, {
        argument: "employerEntityId",
      });
    }
    const worker = await this.ctx.loaders.get(workerById).load(workerId);
    if (!worker) throw notFound("Worker");
    return { worker: worker.id, entity, year: args.year };
  }
}
