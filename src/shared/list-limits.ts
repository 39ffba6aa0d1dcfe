import { Extensions } from "type-graphql";
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "./jurisdiction";
import { SCOPES } from "../auth/scopes";
import { BENEFIT_KINDS } from "./benefit-kind";
import { TAX_JURISDICTIONS_MAX, TAX_JURISDICTION_LIST_MAX } from "../modules/payroll/engine/tax-jurisdictions";

/**
 * Hard maximums of the graph's plain (unpaged) lists. Each is enforced where items are added (a userError
 * `LIMIT_EXCEEDED`), by a database constraint, or by construction, and each is declared on its field with
 * `@MaxItems` so that the cost rule (src/armor.ts) multiplies the field's selection by it. The README's "Document
 * limits" table lists them; raise one only with its cost in mind.
 */
export const LIST_LIMITS = {
  /** Clauses of one MSA version (`addMsaClause`, `createMsa(copyClausesFromActive)`). */
  clausesPerMsaVersion: 100,
  /** Compensations (the first one and every change) of one engagement (`hireWorker`, `changeCompensation`). */
  compensationsPerEngagement: 50,
  /** Entries of one `recordTimeEntries` call. */
  timeEntriesPerCall: 100,
  /** Entries of one engagement on one date: one per `TimeEntryType` (REGULAR, OVERTIME, PTO; a unique constraint). */
  timeEntriesPerEngagementDay: 3,
  /** Days `Engagement.timeEntries(from, to)` reads: `to` at most 366 days after `from`, both inclusive. */
  timeEntriesRangeDays: 367,
  /**
   * Lines of one pay statement or estimate: one per line code (unique per statement); the calculation refuses more.
   * 35: at most 31 by construction (US: 4 earning/imputed lines, 6 employee taxes, 3 employer taxes, a DED_ and a
   * BEN_ER_ line for each of the 9 US benefit kinds; Canada at most 25), plus room for a few new codes. Priced: a page
   * of statements with every line field costs ~300 per statement (use `first` ≤ 30 under the 10,000 cost limit).
   */
  statementLines: 35,
  /**
   * `PayStatement.yearToDate`: line codes of one worker's year with one employer entity. Larger than a statement's
   * lines (a worker who moved state has both states' codes), bounded by the codes an engine emits for one country's
   * employee over a year; the calculation's one-code-per-line rule keeps it far below.
   */
  statementYearToDateLines: 100,
  /** `estimatePaycheck(input.benefitDeductions)`: benefit deductions of one estimated paycheck (refused above). */
  benefitDeductionsPerEstimate: 20,
  /** Benefit kinds (src/shared/benefit-kind.ts): one entry per kind in year-to-date lists. */
  benefitKinds: BENEFIT_KINDS.length,
  /** Blockers of one estimate. */
  estimateBlockers: 20,
  /** userErrors of one mutation (`recordTimeEntries`: see `recordTimeEntriesUserErrors`). */
  userErrors: 50,
  /** userErrors of one `recordTimeEntries` call: at most two per entry. */
  recordTimeEntriesUserErrors: 200,
  /** Elements of a userError's `field` path. */
  userErrorPath: 6,
  /** Supported jurisdictions: the two countries and their 64 subdivisions. */
  jurisdictions: 2 + US_SUBDIVISIONS.length + CA_SUBDIVISIONS.length,
  /** Subdivisions of the EOR's countries: registrations of one employer entity (unique per jurisdiction). */
  subdivisions: US_SUBDIVISIONS.length + CA_SUBDIVISIONS.length,
  /**
   * `EmployerRegistration.suiRates`: the 5 most recent years of a registration's SUI rates (older years are kept but
   * not listed: a run only needs its pay date's year). Small because every registration of both entities is priced.
   */
  suiRateYears: 5,
  /** The EOR's employer entities: one per country. */
  employerEntities: 2,
  /** Clients one token may name (`clients` claim). */
  tokenClients: 100,
  /** Items of an onboarding checklist: one per `OnboardingItem`. */
  onboardingItems: 5,
  /** Responsibilities of an engagement: one per `ResponsibilityCategory`. */
  responsibilityCategories: 13,
  /** Questions of one classification questionnaire (every test of one jurisdiction); factors of one assessment. */
  classificationQuestions: 40,
  /** Classifications of one engagement's history, the hire's included (`changeClassification` → `TOO_MANY_CLASSIFICATION_CHANGES`). */
  classificationChangesPerEngagement: 50,
  /** Scopes a token may carry: the known ones. */
  scopes: SCOPES.length,
  /** `taxJurisdictions`: 64 subdivisions plus the localities modules declare (engine/tax-jurisdictions.ts checks the cap). */
  taxJurisdictions: TAX_JURISDICTIONS_MAX,
  /** Lists of one `TaxJurisdictionCoverage` (checked with the cap above). */
  taxJurisdictionYears: TAX_JURISDICTION_LIST_MAX.taxYears,
  taxJurisdictionLineCodes: TAX_JURISDICTION_LIST_MAX.lineCodes,
  taxJurisdictionSources: TAX_JURISDICTION_LIST_MAX.sources,
  /** Pay periods of a Record of Employment (Block 15C): the last 53 weeks, at most 53 weekly periods. */
  roePayPeriods: 53,
} as const;

/** What a list field declares in its GraphQL extensions; read by the cost rule in src/armor.ts. */
export interface ListBound {
  /** Most items the list returns. */
  maxItems?: number;
  /**
   * The list is bounded by a date range in its arguments: at most `perDay` items for each day between the literal
   * `from` and `to` (both inclusive), never more than `maxItems`.
   */
  perDay?: { from: string; to: string; items: number };
  /** `edges` / `nodes` of a connection: bounded by the connection's page (`first`/`last`), priced there. */
  pageItems?: boolean;
}

/**
 * Declares the hard maximum of a list field (also put it in the field's description: integrators read that).
 * The cost rule multiplies the field's selection by `maxItems`.
 */
export function MaxItems(maxItems: number, bound: Omit<ListBound, "maxItems" | "pageItems"> = {}): MethodDecorator & PropertyDecorator {
  return Extensions({ maxItems, ...bound } satisfies ListBound);
}

/** Marks `edges` / `nodes` of a connection: as long as the page the connection field was asked for. */
export function PageItems(): MethodDecorator & PropertyDecorator {
  return Extensions({ pageItems: true } satisfies ListBound);
}
