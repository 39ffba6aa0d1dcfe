import {
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isObjectType,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { forbidden, type AppError } from "../shared/errors";
import { toGlobalId, type NodeType } from "../shared/global-id";
import type { Principal } from "./principal";
import type { Scope } from "./scopes";
import { certificateObjectTypeNames } from "../modules/workers/worker-certificates.names";

/**
 * The read scope of every object type: an object of a type reaches a caller only when the caller holds the
 * type's scope, whatever path leads there (root field, `node`/`nodes`, an edge, a mutation or subscription
 * payload, `Event.object`). `null`: any authenticated caller.
 *
 * This table is the contract (README, "Read scopes"); `enforceReadScopes` applies it to every field of the
 * schema and appends it to each type's description. Two rules complete it, so that they cannot drift:
 *   - `<T>Connection` and `<T>Edge` take the scope of `<T>`;
 *   - `<Mutation>Payload` types need none (each of their object fields is checked by the type it returns).
 * An object type that is neither in the table nor covered by a rule stops `createSchema` (and fails a test).
 */
export const READ_SCOPES = {
  Client: "clients:read",

  Worker: "workers:read",
  Engagement: "workers:read",
  Compensation: "workers:read",

  PaySchedule: "payroll:read",
  PayPeriod: "payroll:read",
  PayrollRun: "payroll:read",
  PayrollRunTotals: "payroll:read",
  PayrollRunBlocker: "payroll:read",
  PayStatement: "payroll:read",
  PayStatementLine: "payroll:read",
  PayStatementYearToDateLine: "payroll:read",
  OneOffEarning: "payroll:read",
  TimeEntry: "payroll:read",
  PayrollRunStatusEvent: "payroll:read",
  FinalPay: "payroll:read",
  RecordOfEmployment: "payroll:read",
  RoePayPeriod: "payroll:read",

  Remittance: "remittances:read",
  RemittanceStatusEvent: "remittances:read",

  Msa: "msa:read",
  MsaClause: "msa:read",
  Responsibility: "msa:read",

  ClassificationAssessment: "classification:read",
  ClassificationFactor: "classification:read",
  ClassificationTestResult: "classification:read",
  // An engagement's classification history is engagement data, like its compensations.
  EngagementClassificationChange: "workers:read",
  BenefitPlan: "benefits:read",
  BenefitContributionRule: "benefits:read",
  BenefitMatchTier: "benefits:read",
  BenefitEnrollment: "benefits:read",
  BenefitEligibility: "benefits:read",
  BenefitIneligibility: "benefits:read",

  WebhookEndpoint: "webhooks:read",
  WebhookDelivery: "webhooks:read",

  PaymentMethod: "workers:read",
  PaymentDestination: "remittances:read",

  OnboardingChecklist: "onboarding:read",
  OnboardingChecklistItem: "onboarding:read",
  EmploymentAgreement: "onboarding:read",
  EmploymentAgreementTerms: "onboarding:read",

  // Filings: the EOR's quarterly returns and workers' year-end forms (src/modules/filings).
  QuarterlyFilings: "filings:read",
  Form941: "filings:read",
  StateQuarterlyWageReport: "filings:read",
  Pd7aMonthlySummary: "filings:read",
  FormW2: "filings:read",
  W2Box12Entry: "filings:read",
  W2Box14Entry: "filings:read",
  W2StateEntry: "filings:read",
  W2LocalEntry: "filings:read",
  T4Slip: "filings:read",
  Rl1Slip: "filings:read",

  // The workforce summary (src/modules/workforce): each part is read-scoped like what it summarizes. Headcounts are
  // engagement data; `WorkforceCount` is engagement data too, and `openBlockersByCode` (blocker counts) also checks
  // `payroll:read` on its field (workforce-summary.service.ts).
  WorkforceSummary: "workers:read",
  WorkforceCount: "workers:read",
  WorkforceUpcomingPayDate: "payroll:read",
  WorkforcePayrollCostMonth: "payroll:read",
  WorkforceRemittancesDue: "remittances:read",

  Withholding: "pii:read",
  W4Withholding: "pii:read",
  Td1Withholding: "pii:read",
  // WithholdingCertificates and each generated `<Form>Certificate` (worker-certificates.type.ts): elections are personal data.
  ...(Object.fromEntries(certificateObjectTypeNames().map((name) => [name, "pii:read"])) as Record<string, "pii:read">),

  EmployerEntity: null,
  EmployerRegistration: null,
  EmployerSuiRate: null,
  Viewer: null,
  Money: null,
  SignedMoney: null,
  PageInfo: null,
  UserError: null,
  PaycheckEstimate: null,
  PaycheckBlocker: null,
  // The questionnaire is reference data (questions, tests, sources), the same for every caller.
  ClassificationQuestionnaire: null,
  ClassificationQuestion: null,
  ClassificationTestApplication: null,
  EstimatedBenefit: null,
  // What the engine computes where: reference data about the product, the same for every caller (shown before a hire).
  TaxJurisdictionCoverage: null,
  // The audit trail: the events service returns only events about objects whose type the caller may read, and
  // `Event.object` is checked again by its concrete type.
  Event: null,
  EventActor: null,
} as const satisfies Record<string, Scope | null>;

/** Root operation types: their fields are checked by what they return; they have no scope of their own. */
const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);

/**
 * The type whose row in `READ_SCOPES` decides the scope of `typeName` (itself, or the node type of a connection
 * or edge); undefined when there is none.
 */
function scopeSource(typeName: string): string | undefined {
  if (Object.hasOwn(READ_SCOPES, typeName)) return typeName;
  const page = /^(.+)(Connection|Edge)$/.exec(typeName);
  if (page && Object.hasOwn(READ_SCOPES, page[1])) return page[1];
  return undefined;
}

/**
 * The read scope of an object type: a scope, `null` (any authenticated caller), or `undefined` when the type
 * declares none (a mistake: `createSchema` refuses such a schema).
 */
export function readScopeOf(typeName: string): Scope | null | undefined {
  const source = scopeSource(typeName);
  if (source !== undefined) return READ_SCOPES[source as keyof typeof READ_SCOPES];
  if (typeName.endsWith("Payload")) return null;
  return undefined;
}

/** True when the caller may read objects of `typeName` (an undeclared type is readable by no one). */
export function canRead(principal: Principal, typeName: string): boolean {
  const scope = readScopeOf(typeName);
  return scope === null || (scope !== undefined && principal.hasScope(scope));
}

/** Object types of the schema without a declared read scope (root types excluded). */
export function undeclaredReadScopes(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__") && !ROOT_TYPES.has(type.name))
    .map((type) => type.name)
    .filter((name) => readScopeOf(name) === undefined)
    .sort();
}

/** FORBIDDEN naming the type and the scope it needs, e.g. "Reading Worker needs the `workers:read` scope". */
export function missingReadScope(typeName: string, scope: Scope): AppError {
  return forbidden(`Reading ${scopeSource(typeName) ?? typeName} needs the \`${scope}\` scope`);
}

interface ScopedContext {
  principal: Principal;
}

/**
 * Applies `READ_SCOPES` to every field of the schema, in place:
 *   - a field whose named type is an object type with a scope the caller lacks answers null with a FORBIDDEN
 *     error at its path, without running its resolver (a list of such objects: the whole list);
 *   - a field returning an interface or union (`node`, `nodes`, `Event.object`) runs, then each object it
 *     returns is checked by its concrete type and replaced by the same error when the caller may not read it;
 *   - each object type's description ends with "Read scope: …".
 * Non-null fields follow GraphQL's null propagation, which is why the fields that can be refused this way are
 * nullable. Throws when an object type has no declared scope.
 */
export function enforceReadScopes(schema: GraphQLSchema): void {
  const undeclared = undeclaredReadScopes(schema);
  if (undeclared.length > 0) {
    throw new Error(`Object types without a read scope (declare each in src/auth/read-scopes.ts): ${undeclared.join(", ")}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    if (!ROOT_TYPES.has(type.name)) describeReadScope(type);
    // graphql types field maps with `any` for source and context; every resolver of this schema gets a ScopedContext.
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, ScopedContext>[]) guardField(schema, field);
  }
}

function describeReadScope(type: { name: string; description?: string | null }): void {
  const scope = readScopeOf(type.name);
  const sentence = scope ? `Read scope: \`${scope}\`.` : "Read scope: none (any authenticated caller).";
  const description = type.description?.trim() ?? "";
  if (description.endsWith(sentence)) return;
  type.description = description ? `${description} ${sentence}` : sentence;
}

function guardField(schema: GraphQLSchema, field: GraphQLField<unknown, ScopedContext>): void {
  const named = getNamedType(field.type);
  const resolve: GraphQLFieldResolver<unknown, ScopedContext> = field.resolve ?? defaultFieldResolver;
  if (isObjectType(named)) {
    const scope = readScopeOf(named.name);
    if (!scope) return; // null: readable by any caller (undefined was refused above)
    const typeName = named.name;
    field.resolve = (source, args, ctx, info) => {
      if (!ctx.principal.hasScope(scope)) throw missingReadScope(typeName, scope);
      return resolve(source, args, ctx, info);
    };
  } else if (isAbstractType(named)) {
    field.resolve = (source, args, ctx, info) => {
      const check = (value: unknown) => checkConcrete(schema, named, value, ctx, info);
      const result = resolve(source, args, ctx, info);
      return then(result, (value) => (Array.isArray(value) ? value.map((item) => then(item, check)) : then(check(value), throwError)));
    };
  }
}

/** `value` itself, or the error a forbidden object is replaced by (graphql-js reports an Error at its path). */
function checkConcrete(schema: GraphQLSchema, abstractType: GraphQLAbstractType, value: unknown, ctx: ScopedContext, info: GraphQLResolveInfo): unknown {
  if (value === null || value === undefined || value instanceof Error) return value;
  return then(concreteTypeName(schema, abstractType, value, ctx, info), (resolved) => {
    const typeName = resolved as string | undefined;
    if (typeName === undefined) return value; // graphql-js reports the unresolvable type itself
    const scope = readScopeOf(typeName);
    if (scope === null) return value;
    if (scope === undefined) return forbidden(`${typeName} has no read scope`);
    return ctx.principal.hasScope(scope) ? value : missingReadScope(typeName, scope);
  });
}

function concreteTypeName(schema: GraphQLSchema, abstractType: GraphQLAbstractType, value: unknown, ctx: ScopedContext, info: GraphQLResolveInfo): unknown {
  if (abstractType.resolveType) return abstractType.resolveType(value, ctx, info, abstractType);
  for (const candidate of schema.getPossibleTypes(abstractType)) {
    if (candidate.isTypeOf?.(value, ctx, info)) return candidate.name; // type-graphql's isTypeOf is synchronous
  }
  return undefined;
}

function throwError(value: unknown): unknown {
  if (value instanceof Error) throw value;
  return value;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** Applies `f` now, or when `value` resolves (keeps synchronous results synchronous). */
function then(value: unknown, f: (resolved: unknown) => unknown): unknown {
  return isPromiseLike(value) ? Promise.resolve(value).then(f) : f(value);
}

/**
 * `UserError.conflictingId`: the global ID of an existing object an input collides with, shown only to a caller
 * who may read the object's type (the uuid comes from a lookup already scoped to the caller's tenants: null when
 * it was not found there).
 */
export function conflictingIdFor(principal: Principal, type: NodeType, id: string | null | undefined): string | null {
  return id != null && canRead(principal, type) ? toGlobalId(type, id) : null;
}
