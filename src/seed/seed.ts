import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  clientLegalEntities,
  clients,
  compensations,
  employerEntities,
  employerRegistrations,
  employerSuiRates,
  engagements,
  msaClauses,
  msas,
  payPeriods,
  paySchedules,
  timeEntries,
  workers,
  classificationAssessments,
  engagementClassificationChanges,
  payrollRuns,
  finalPays,
} from "../db/schema";
import { DEMO_DATA } from "./demo-data";
import type { PiiCipher } from "../pii/pii-cipher";
import { sealTaxId } from "../modules/workers/worker-tax-id";
import { benefitEnrollments, benefitPlans } from "../modules/benefits/benefit.table";
import { DEMO_BENEFITS } from "./demo-benefits";
import { employmentAgreements, onboardingSteps } from "../modules/onboarding/onboarding.table";
import { paymentMethods } from "../modules/payment-methods/payment-method.table";
import { sealBankNumbers } from "../modules/payment-methods/payment-method-secret";
import { DEMO_ONBOARDING } from "./demo-onboarding";
import { createProgress, type Progress } from "../cli/progress";

export { DEMO, DEMO_BASE_INSTANT, DEMO_CLIENTS, DEMO_DATA, demoWorkerId } from "./demo-data";

/** Tables (and MSA status updates) loaded by `seedDemoData`, one progress unit each. */
const SEED_STEPS = 23;

/** Advisory lock key held while seeding (the migrator uses 7262001). */
const SEED_LOCK_KEY = 7262002;

/**
 * Loads the deterministic demo data (src/seed/demo-data.ts) in one transaction, directly with drizzle. Tax ids
 * are encrypted with `pii`, the cipher the server will read them with.
 * Idempotent: when the EOR's US employer entity exists, nothing changes and `seeded` is false. Two processes
 * starting at once are serialized by a transaction-level advisory lock taken before that check, so the second
 * one sees the first one's rows and does nothing.
 */
export async function seedDemoData(db: Db, pii: PiiCipher, progress: Progress = createProgress({ silent: true })): Promise<{ seeded: boolean }> {
  progress.step("demo data: checking");
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`/* seed.lock */ select pg_advisory_xact_lock(${sql.raw(String(SEED_LOCK_KEY))})`);
    const existing = await tx.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US")).limit(1);
    if (existing.length > 0) {
      await topUpDemoSuiRates(tx);
      return { seeded: false };
    }

    const d = DEMO_DATA;
    progress.step("demo data: loading tables", SEED_STEPS);
    await tx.insert(employerEntities).values(d.employerEntities);
    progress.advance();
    await tx.insert(employerRegistrations).values(d.employerRegistrations);
    progress.advance();
    await tx.insert(employerSuiRates).values(d.employerSuiRates);
    progress.advance();
    await tx.insert(clients).values(d.clients);
    progress.advance();
    await tx.insert(clientLegalEntities).values(d.clientLegalEntities);
    progress.advance();
    await tx.insert(paySchedules).values(d.paySchedules);
    progress.advance();
    await tx.insert(payPeriods).values(d.payPeriods);
    progress.advance();
    await tx.insert(workers).values(d.workers.map(({ taxId, ...w }) => ({ ...w, ...(taxId === null ? { taxIdEncrypted: null, taxIdHmac: null } : sealTaxId(pii, w, taxId)) })));
    progress.advance();
    await tx.insert(engagements).values(d.engagements);
    progress.advance();
    await tx.insert(compensations).values(d.compensations);
    progress.advance();
    await tx.insert(classificationAssessments).values(d.classificationAssessments);
    progress.advance();
    await tx.insert(engagementClassificationChanges).values(d.engagementClassificationChanges);
    progress.advance();
    if (d.timeEntries.length > 0) await tx.insert(timeEntries).values(d.timeEntries);
    progress.advance();
    await tx.insert(benefitPlans).values(DEMO_BENEFITS.plans);
    progress.advance();
    await tx.insert(benefitEnrollments).values(DEMO_BENEFITS.enrollments);
    progress.advance();
    // Onboarding: payment methods (numbers encrypted like tax ids), agreements, recorded steps.
    const o = DEMO_ONBOARDING;
    await tx
      .insert(paymentMethods)
      .values(o.paymentMethods.map(({ routing, account, ...m }) => ({ ...m, ...(routing && account ? sealBankNumbers(pii, m.id, routing, account) : {}) })));
    progress.advance();
    await tx.insert(employmentAgreements).values(o.agreements);
    progress.advance();
    await tx.insert(onboardingSteps).values(o.steps);
    progress.advance();
    // Clauses can only be added to a DRAFT MSA (trigger msa_clauses_draft_only): insert the MSAs as drafts, with
    // both parties' acceptances of their final content, add their clauses, then give each its final status
    // (trigger msas_activation_needs_both_acceptances checks the acceptances).
    await tx.insert(msas).values(d.msas.map((m) => ({ ...m, status: "DRAFT" as const })));
    progress.advance();
    await tx.insert(msaClauses).values(d.msaClauses);
    progress.advance();
    for (const status of ["SUPERSEDED", "ACTIVE"] as const) {
      const ids = d.msas.filter((m) => m.status === status).map((m) => m.id);
      if (ids.length > 0) await tx.update(msas).set({ status }).where(inArray(msas.id, ids));
    }
    progress.advance();
    // Offboarding: the final-pay runs of the ended demo engagements, then their final pays.
    if (d.payrollRuns.length > 0) await tx.insert(payrollRuns).values(d.payrollRuns);
    progress.advance();
    if (d.finalPays.length > 0) await tx.insert(finalPays).values(d.finalPays);
    progress.advance();
    return { seeded: true };
  });
  progress.done(result.seeded ? "seeded" : "already present");
  return result;
}

/**
 * A database seeded before employer SUI rates existed (migration employer_sui_rates) has the demo registrations but
 * no rates, so every demo US run would be blocked with MISSING_EMPLOYER_RATE: the demo rates are added for the demo
 * registrations that exist (same deterministic ids), never replacing a rate already set.
 */
async function topUpDemoSuiRates(tx: Db): Promise<void> {
  const registrationIds = [...new Set(DEMO_DATA.employerSuiRates.map((r) => r.employerRegistrationId))];
  if (registrationIds.length === 0) return;
  const present = new Set(
    (await tx.select({ id: employerRegistrations.id }).from(employerRegistrations).where(inArray(employerRegistrations.id, registrationIds))).map((r) => r.id),
  );
  const rates = DEMO_DATA.employerSuiRates.filter((r) => present.has(r.employerRegistrationId));
  if (rates.length > 0) await tx.insert(employerSuiRates).values(rates).onConflictDoNothing();
}
