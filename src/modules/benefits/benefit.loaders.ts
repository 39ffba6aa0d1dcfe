import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader } from "../../db/nested-page-loader";
import { benefitRepository } from "./benefit.repository";
import type { BenefitPlanRow } from "./benefit-plan.type";
import type { BenefitEnrollmentRow } from "./benefit-enrollment.type";

/** Benefit plan by uuid, among the plans the caller may see (null otherwise). */
export const benefitPlanById: LoaderFactory<DataLoader<string, BenefitPlanRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await benefitRepository.plansByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Benefit enrollment by uuid, tenant-scoped. */
export const benefitEnrollmentById: LoaderFactory<DataLoader<string, BenefitEnrollmentRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await benefitRepository.enrollmentsByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** One page of enrollments per engagement (`Engagement.benefitEnrollments`). */
export const enrollmentPagesByEngagementId: LoaderFactory<ReturnType<typeof nestedPageLoader<BenefitEnrollmentRow>>> = (db, principal) =>
  nestedPageLoader<BenefitEnrollmentRow>(
    (ids, request) => benefitRepository.enrollmentPagesOfEngagements(db, principal.tenants, ids, request),
    (row) => row.engagementId,
  );

/** Number of enrollments per engagement (`Engagement.benefitEnrollments.totalCount`). */
export const enrollmentCountByEngagementId: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((ids) => benefitRepository.enrollmentCountsOfEngagements(db, principal.tenants, ids));
