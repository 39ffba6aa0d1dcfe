import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { childCountLoader, nestedPageLoader, type NestedPageKey } from "../../db/nested-page-loader";
import type { Page } from "../../shared/pagination";
import { classificationRepository } from "./classification.repository";
import type { ClassificationAssessmentRow, ClassificationChangeRow } from "./classification.type";

/** Assessment by uuid, tenant-scoped (another tenant's loads as null). */
export const classificationAssessmentById: LoaderFactory<DataLoader<string, ClassificationAssessmentRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await classificationRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** A page of an engagement's assessments (`Engagement.classificationAssessments`): one statement per page shape. */
export const classificationAssessmentsPageByEngagement: LoaderFactory<DataLoader<NestedPageKey, Page<ClassificationAssessmentRow>, string>> = (db, principal) =>
  nestedPageLoader(
    (engagementIds, request) => classificationRepository.pagesOfEngagements(db, principal.tenants, engagementIds, request),
    (row) => row.engagementId!,
  );

/** Number of assessments per engagement (`totalCount`). */
export const classificationAssessmentCountByEngagement: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  childCountLoader((engagementIds) => classificationRepository.countsOfEngagements(db, principal.tenants, engagementIds));

/** Each engagement's classification history, oldest first (`Engagement.classificationHistory`). */
export const classificationChangesByEngagementId: LoaderFactory<DataLoader<string, ClassificationChangeRow[]>> = (db, principal) =>
  new DataLoader(async (engagementIds) => {
    const rows = await classificationRepository.changesOfEngagements(db, principal.tenants, engagementIds);
    const grouped = new Map<string, ClassificationChangeRow[]>(engagementIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.engagementId)?.push(row);
    return engagementIds.map((id) => grouped.get(id) ?? []);
  });
