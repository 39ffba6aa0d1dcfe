import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { onboardingRepository, type EmploymentAgreementRow, type OnboardingStepRow } from "./onboarding.repository";

function byEngagement<T extends { engagementId: string }>(rows: readonly T[], keys: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.engagementId);
    if (list) list.push(row);
    else map.set(row.engagementId, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Recorded onboarding steps of each engagement (one statement per page of engagements). */
export const onboardingStepsByEngagementId: LoaderFactory<DataLoader<string, OnboardingStepRow[]>> = (db, principal) =>
  new DataLoader(async (ids) => byEngagement(await onboardingRepository.stepsByEngagementIds(db, principal.tenants, ids), ids));

/** Every employment agreement of each engagement, oldest first. */
export const agreementsByEngagementId: LoaderFactory<DataLoader<string, EmploymentAgreementRow[]>> = (db, principal) =>
  new DataLoader(async (ids) => byEngagement(await onboardingRepository.agreementsByEngagementIds(db, principal.tenants, ids), ids));

/** Employment agreement by uuid, scoped to the caller's tenants. */
export const agreementById: LoaderFactory<DataLoader<string, EmploymentAgreementRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await onboardingRepository.agreementsByIds(db, principal.tenants, ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
