import type { Context } from "../../context";
import type { NodeType } from "../../shared/global-id";
import type { Node } from "./node.type";
import { ClientService } from "../clients/client.service";
import { WorkerService } from "../workers/worker.service";
import { EngagementQueryService } from "../engagements/engagement-query.service";
import { MsaQueryService } from "../msa/msa-query.service";

import { EmployerService } from "../employers/employer.service";
import { PayScheduleService } from "../pay-schedules/pay-schedule.service";
import { PayrollService } from "../payroll/payroll.service";
import { RemittanceService } from "../remittances/remittance.service";
import { WebhookService } from "../webhooks/webhook.service";
import { ClassificationService } from "../classification/classification.service";
import { BenefitPlanService } from "../benefits/benefit-plan.service";
import { BenefitEnrollmentService } from "../benefits/benefit-enrollment.service";
import { PaymentMethodService } from "../payment-methods/payment-method.service";
import { OnboardingService } from "../onboarding/onboarding.service";
/**
 * How `node(id)` fetches each type: through the module's service, so the same scope and tenant checks apply
 * as to every other read. A type missing here answers null.
 */
export const nodeFetchers: Partial<Record<NodeType, (ctx: Context, id: string) => Promise<Node | null>>> = {
  Client: (ctx, id) => new ClientService(ctx).byId(id),
  Worker: (ctx, id) => new WorkerService(ctx).byId(id),
  Engagement: (ctx, id) => new EngagementQueryService(ctx).byId(id),
  Compensation: (ctx, id) => new EngagementQueryService(ctx).compensationById(id),
  Msa: (ctx, id) => new MsaQueryService(ctx).byId(id),
  MsaClause: (ctx, id) => new MsaQueryService(ctx).clauseById(id),
  EmployerEntity: (ctx, id) => new EmployerService(ctx).byId(id),
  PaySchedule: (ctx, id) => new PayScheduleService(ctx).byId(id),
  PayPeriod: (ctx, id) => new PayScheduleService(ctx).periodById(id),
  PayrollRun: (ctx, id) => new PayrollService(ctx).runById(id),
  PayStatement: (ctx, id) => new PayrollService(ctx).statementById(id),
  OneOffEarning: (ctx, id) => new PayrollService(ctx).oneOffEarningById(id),
  Remittance: (ctx, id) => new RemittanceService(ctx).byId(id),
  WebhookEndpoint: (ctx, id) => new WebhookService(ctx).byId(id),
  ClassificationAssessment: (ctx, id) => new ClassificationService(ctx).byId(id),
  BenefitPlan: (ctx, id) => new BenefitPlanService(ctx).byId(id),
  BenefitEnrollment: (ctx, id) => new BenefitEnrollmentService(ctx).byId(id),
  PaymentMethod: (ctx, id) => new PaymentMethodService(ctx).byId(id),
  EmploymentAgreement: (ctx, id) => new OnboardingService(ctx).agreementById(id),
};
