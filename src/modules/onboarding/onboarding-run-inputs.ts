/**
 * What a payroll run's calculation reads about onboarding (called by payroll-inputs.repository.ts): for each paid
 * engagement, the kind of its worker's active payment method and the required onboarding items still missing on
 * the run's reference date (the period's end, or the pay date of a run without a period). Two statements (steps,
 * agreements) plus one for payment methods, sent together; the checklist itself is the pure `missingOnboardingItems`.
 */
import type { SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CalcEngagement, CalcOnboarding, CalcRun, CalcWorker } from "../payroll/payroll-statements.compute";
import { paymentMethodRepository } from "../payment-methods/payment-method.repository";
import { onboardingRepository } from "./onboarding.repository";
import { agreementFactOf, stepsFactOf, workerFactOf, type AgreementFactRow, type StepFactRow } from "./onboarding-facts";
import { missingOnboardingItems } from "./onboarding.rules";

function grouped<T extends { engagementId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.engagementId);
    if (list) list.push(row);
    else map.set(row.engagementId, [row]);
  }
  return map;
}

/** The run's reference date: the period's last day, or the pay date of a run without a period. */
export function onboardingReferenceDate(run: CalcRun): string {
  return run.period?.endDate ?? run.payDate;
}

export async function readRunOnboarding(
  db: Db,
  run: CalcRun,
  engagements: readonly CalcEngagement[],
  workers: readonly CalcWorker[],
  paidIds: SQLWrapper,
  paidWorkerIds: SQLWrapper,
): Promise<CalcOnboarding[]> {
  // Sent at once (pipelined on the connection); an aborted transaction fails all three, the first await throws.
  const methodsQuery = Promise.resolve(paymentMethodRepository.activeKindsOfWorkers(db, run.clientId, paidWorkerIds));
  const stepsQuery = Promise.resolve(onboardingRepository.stepsForRun(db, run.clientId, paidIds));
  const agreementsQuery = Promise.resolve(onboardingRepository.agreementsForRun(db, run.clientId, paidIds));
  for (const query of [methodsQuery, stepsQuery, agreementsQuery]) query.catch(() => undefined);
  const methods = await methodsQuery;
  const steps = grouped<StepFactRow & { engagementId: string }>(await stepsQuery);
  const agreements = grouped<AgreementFactRow & { engagementId: string }>(await agreementsQuery);
  const methodByWorker = new Map(methods.map((m) => [m.workerId, m.kind]));
  const workerById = new Map(workers.map((w) => [w.id, w]));
  const asOf = onboardingReferenceDate(run);
  return engagements.map((e) => {
    const missingItems = missingOnboardingItems({
      classification: e.classification,
      workJurisdiction: e.workJurisdiction,
      startDate: e.startDate,
      worker: workerFactOf(workerById.get(e.workerId)),
      hasPaymentMethod: methodByWorker.has(e.workerId),
      agreement: agreementFactOf(agreements.get(e.id) ?? []),
      steps: stepsFactOf(steps.get(e.id) ?? []),
      asOf,
    });
    return { engagementId: e.id, paymentMethodKind: methodByWorker.get(e.workerId) ?? null, missingItems };
  });
}
