/**
 * Engagement status. ENDED is stored (by `endEngagement`); PENDING and ACTIVE are never trusted from the row:
 * they follow from the dates and today's date, so a stored value cannot go stale when a start date passes.
 * The SQL filter in engagement.repository.ts mirrors `deriveEngagementStatus` exactly.
 */
import { todayUtc } from "../../shared/calendar";

export type EngagementStatusValue = "PENDING" | "ACTIVE" | "ENDED";

export function deriveEngagementStatus(row: { status: string; startDate: string; endDate: string | null }, today: string = todayUtc()): EngagementStatusValue {
  if (row.status === "ENDED") return "ENDED";
  if (row.endDate !== null && row.endDate < today) return "ENDED";
  return row.startDate > today ? "PENDING" : "ACTIVE";
}
