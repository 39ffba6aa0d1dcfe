import "reflect-metadata";
import { buildSchema, type BuildSchemaOptions } from "type-graphql";
import { leanFieldResolvers, synchronousResolveTypes } from "./shared/lean-field-resolvers";
import { createPubSub } from "@graphql-yoga/subscription";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { DateTimeScalar } from "./shared/scalars";
import { guardStringInputs } from "./shared/input-guard";
import { enforceReadScopes } from "./auth/read-scopes";
import { NodeResolver } from "./modules/node/node.resolver";
import { ViewerResolver } from "./modules/viewer/viewer.resolver";
import { ClientResolver } from "./modules/clients/client.resolver";
import { ClientWorkersResolver, WorkerResolver } from "./modules/workers/worker.resolver";
import { ClientEngagementsResolver, CompensationResolver, EngagementResolver, WorkerEngagementsResolver } from "./modules/engagements/engagement.resolver";
import { ClientMsaResolver, MsaClauseResolver, MsaResolver } from "./modules/msa/msa.resolver";
import { EngagementResponsibilityResolver } from "./modules/msa/responsibility.resolver";

import { EmployerEntityResolver, EmployerRegistrationResolver, EngagementEmployerResolver } from "./modules/employers/employer.resolver";
import { ClientPaySchedulesResolver, EngagementPayScheduleResolver, PayPeriodResolver, PayScheduleResolver } from "./modules/pay-schedules/pay-schedule.resolver";
import { OneOffEarningResolver, PayrollRunBlockerResolver, PayrollRunResolver, PayStatementResolver } from "./modules/payroll/payroll.resolver";
import { EngagementTimeEntriesResolver, TimeEntryResolver } from "./modules/time-entries/time-entry.resolver";
import { PayrollRunRemittancesResolver, RemittanceResolver } from "./modules/remittances/remittance.resolver";
import { SandboxResolver } from "./modules/remittances/sandbox.resolver";
import { EstimateResolver } from "./modules/estimate/estimate.resolver";
import { TaxJurisdictionResolver } from "./modules/tax-jurisdictions/tax-jurisdiction.resolver";
import { BenefitEnrollmentResolver, BenefitPlanResolver, EngagementBenefitsResolver } from "./modules/benefits/benefit.resolver";
import { WebhookResolver } from "./modules/webhooks/webhook.resolver";
import { ClassificationAssessmentResolver, EngagementClassificationChangeResolver, EngagementClassificationResolver } from "./modules/classification/classification.resolver";
import { EngagementOffboardingResolver, FinalPayResolver } from "./modules/offboarding/offboarding.resolver";
import { PaymentDestinationResolver, PaymentMethodResolver, RemittanceDestinationResolver, WorkerPaymentMethodResolver } from "./modules/payment-methods/payment-method.resolver";
import { EngagementOnboardingResolver, OnboardingResolver } from "./modules/onboarding/onboarding.resolver";
import { FilingsResolver, FormW2RelationsResolver, Rl1SlipRelationsResolver, T4SlipRelationsResolver } from "./modules/filings/filings.resolver";
import { WorkforceSummaryResolver, WorkforceUpcomingPayDateResolver } from "./modules/workforce/workforce-summary.resolver";
import { EventResolver, EventSubscriptionResolver, PayrollRunEventsResolver, PayrollRunStatusEventResolver, RemittanceStatusEventResolver } from "./modules/events/event.resolver";
export const resolvers = [
  NodeResolver,
  ViewerResolver,
  ClientResolver,
  MsaResolver,
  MsaClauseResolver,
  ClientMsaResolver,
  EngagementResponsibilityResolver,
  WorkerResolver,
  ClientWorkersResolver,
  EngagementResolver,
  CompensationResolver,
  WorkerEngagementsResolver,
  ClientEngagementsResolver,
  EmployerEntityResolver,
  EmployerRegistrationResolver,
  EngagementEmployerResolver,
  PayScheduleResolver,
  PayPeriodResolver,
  ClientPaySchedulesResolver,
  EngagementPayScheduleResolver,
  PayrollRunResolver,
  PayStatementResolver,
  PayrollRunBlockerResolver,
  OneOffEarningResolver,
  TimeEntryResolver,
  EngagementTimeEntriesResolver,
  RemittanceResolver,
  PayrollRunRemittancesResolver,
  SandboxResolver,
  EstimateResolver,
  TaxJurisdictionResolver,
  EventResolver,
  EventSubscriptionResolver,
  PayrollRunEventsResolver,
  PayrollRunStatusEventResolver,
  RemittanceStatusEventResolver,
  WebhookResolver,
  ClassificationAssessmentResolver,
  EngagementClassificationChangeResolver,
  EngagementClassificationResolver,
  BenefitPlanResolver,
  BenefitEnrollmentResolver,
  EngagementBenefitsResolver,
  EngagementOffboardingResolver,
  FinalPayResolver,
  PaymentMethodResolver,
  WorkerPaymentMethodResolver,
  PaymentDestinationResolver,
  RemittanceDestinationResolver,
  OnboardingResolver,
  EngagementOnboardingResolver,
  FilingsResolver,
  FormW2RelationsResolver,
  T4SlipRelationsResolver,
  Rl1SlipRelationsResolver,
  WorkforceSummaryResolver,
  WorkforceUpcomingPayDateResolver,
] as const;

/** Builds the executable schema. No side effects: emitting the SDL is `npm run schema:emit`. */
export async function createSchema(): Promise<GraphQLSchema> {
  const options: BuildSchemaOptions = {
    resolvers: [...resolvers] as never,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Required by type-graphql once a @Subscription exists. Ours bring their own `subscribe` (src/realtime: the
    // events table + LISTEN/NOTIFY across nodes), so nothing is published through this in-process PubSub.
    pubSub: createPubSub(),
    validate: false,
  };
  const schema = await buildSchema(options);
  // type-graphql has no option for the root types' descriptions.
  const roots: [ReturnType<GraphQLSchema["getQueryType"]>, string][] = [
    [schema.getQueryType(), "Reads: every collection is a Relay connection filtered to the caller's clients."],
    [schema.getMutationType(), "Writes: each mutation takes one `input` and answers the object plus `userErrors`."],
    [schema.getSubscriptionType(), "Live updates over graphql-ws on /graphql."],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
  leanFieldResolvers(schema, options); // direct calls of field resolver and query methods (src/shared/lean-field-resolvers.ts), before the wrappers below
  synchronousResolveTypes(schema); // the compiled executor (src/compiled-execution.ts) needs each concrete type at once
  guardStringInputs(schema); // control characters and lone surrogates refused in every string argument
  // Every object reaches a caller only with its type's read scope, on every path (src/auth/read-scopes.ts).
  enforceReadScopes(schema);
  return schema;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
