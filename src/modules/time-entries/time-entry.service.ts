import type { Context } from "../../context";
import { LIST_LIMITS } from "../../shared/list-limits";
import { newId } from "../../shared/ids";
import { badInput } from "../../shared/errors";
import { parseGlobalId } from "../../shared/global-id";
import { rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { compensationsByEngagementId, engagementById } from "../engagements/engagement.loaders";
import type { Engagement, EngagementRow } from "../engagements/engagement.type";
import type { CompensationRow } from "../engagements/compensation.type";
import { dayNumber } from "../../shared/calendar";
import { timeEntryRepository, type TimeEntryInsert } from "./time-entry.repository";
import { timeEntriesByEngagement } from "./time-entry.loaders";
import { toTimeEntry, type TimeEntry, type TimeEntryRow } from "./time-entry.type";
import type { EngagementTimeEntriesArgs, RecordTimeEntriesInput } from "./time-entry.input";

/** Most entries one `recordTimeEntries` call takes (per engagement and date, the unique key allows one per type). */
export const MAX_TIME_ENTRIES = LIST_LIMITS.timeEntriesPerCall;
/** Longest range `Engagement.timeEntries` reads. */
const MAX_RANGE_DAYS = 366;

/** "7.5" → 750 hundredths; null unless 0 ≤ hours ≤ 24 with at most two decimals. */
export function parseHundredths(hours: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(hours);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return hundredths <= 2400 ? hundredths : null;
}

/**
 * The basis of the compensation in effect on `date` (the latest `effectiveFrom` on or before it), null before the
 * first one. `rows` is the engagement's history, oldest first.
 */
export function basisOn(rows: readonly Pick<CompensationRow, "basis" | "effectiveFrom">[], date: string): CompensationRow["basis"] | null {
  let basis: CompensationRow["basis"] | null = null;
  for (const row of rows) if (row.effectiveFrom <= date) basis = row.basis;
  return basis;
}

const keyOf = (e: { engagementId: string; workDate: string; type: string }) => `${e.engagementId}|${e.workDate}|${e.type}`;

/** What `record` saved, and the userErrors of the entries it rejected (the valid ones are saved regardless). */
export interface RecordedTimeEntries {
  timeEntries: TimeEntry[];
  changedCount: number;
  rejected: UserError[];
}

/**
 * Hours of hourly engagements: the input of their pay. Hours of a day on which the engagement is salaried are refused
 * (SALARIED_ENGAGEMENT): the salary pays the whole period (prorated only by calendar days of employment), so hours
 * would change nothing and a stub showing them would mislead. PTO included: this design keeps no PTO balance and pays
 * no separate PTO line for salaried engagements. Recording needs `payroll:write` (hours are pay), reading
 * `payroll:read`. Engagements are tenant-checked: another client's engagement is NOT_FOUND.
 */
export class TimeEntryService {
  constructor(private readonly ctx: Context) {}

  /**
   * Validates every entry on its own (userErrors with the entry's index), then saves the valid ones with one
   * multi-row upsert and records one `engagement.timeEntriesRecorded` event per engagement whose entries changed.
   * Fails when no entry is valid; succeeds with the saved entries and the `rejected` ones' userErrors otherwise.
   */
  async record(input: RecordTimeEntriesInput): Promise<CommandResult<RecordedTimeEntries>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:write");
    const errors = new UserErrors(LIST_LIMITS.recordTimeEntriesUserErrors);
    if (input.entries.length > MAX_TIME_ENTRIES) {
      errors.add(["entries"], UserErrorCode.TOO_MANY_TIME_ENTRIES, `At most ${MAX_TIME_ENTRIES} entries per call, got ${input.entries.length}: send them in several calls`);
      return rejectedBy(errors);
    }

    const ids = input.entries.map((e) => parseGlobalId(e.engagementId, "Engagement"));
    const engagements = await loaders.get(engagementById).loadMany([...new Set(ids.filter((id): id is string => id !== null))]);
    const byId = new Map<string, EngagementRow>();
    for (const row of engagements) if (row && !(row instanceof Error)) byId.set(row.id, row);
    const histories = await loaders.get(compensationsByEngagementId).loadMany([...byId.keys()]);
    const compensationsOf = new Map([...byId.keys()].map((id, i) => [id, histories[i] instanceof Error ? [] : histories[i]]));

    const valid: TimeEntryInsert[] = [];
    const seen = new Map<string, number>();
    input.entries.forEach((entry, i) => {
      const at = (field: string) => ["entries", String(i), field];
      const id = ids[i];
      const engagement = id === null ? null : (byId.get(id) ?? null);
      const before = errors.list.length;
      if (id === null) errors.add(at("engagementId"), UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
      else if (engagement === null) errors.add(at("engagementId"), UserErrorCode.NOT_FOUND, "No such engagement");
      else if (entry.date < engagement.startDate || (engagement.endDate !== null && entry.date > engagement.endDate)) {
        errors.add(at("date"), UserErrorCode.WORK_DATE_OUT_OF_RANGE, `${entry.date} is outside the engagement (${engagement.startDate} to ${engagement.endDate ?? "open-ended"})`);
      } else {
        const basis = basisOn(compensationsOf.get(engagement.id) ?? [], entry.date);
        if (basis === "SALARY") {
          errors.add(
            at("engagementId"),
            UserErrorCode.SALARIED_ENGAGEMENT,
            `The engagement is salaried on ${entry.date}: its salary pays the period whatever the hours, so hours (PTO included) are not recorded for it`,
          );
        }
      }
      const hundredths = parseHundredths(entry.hours);
      if (hundredths === null) errors.add(at("hours"), UserErrorCode.INVALID_INPUT, "hours must be between 0 and 24 with at most two decimals");
      if (errors.list.length > before || engagement === null || hundredths === null) return;
      const row = { id: newId(), clientId: engagement.clientId, engagementId: engagement.id, workDate: entry.date, type: entry.type, hundredthsOfHours: hundredths };
      const first = seen.get(keyOf(row));
      if (first !== undefined) {
        errors.add(["entries", String(i)], UserErrorCode.INVALID_INPUT, `Same engagement, date and type as entry ${first}: send one entry per engagement, date and type`);
        return;
      }
      seen.set(keyOf(row), i);
      valid.push(row);
    });
    if (valid.length === 0) return rejectedBy(errors);

    const saved = await db.transaction(async (tx) => {
      // READ COMMITTED: without the lock, a concurrent call could change an entry between this read and the upsert.
      await timeEntryRepository.lockEngagementDays(tx, valid);
      const existing = await timeEntryRepository.existing(tx, principal.tenants, [...new Set(valid.map((v) => v.engagementId))], [...new Set(valid.map((v) => v.workDate))]);
      const changed = await timeEntryRepository.upsert(tx, valid);
      const previous = new Map(existing.map((r) => [keyOf(r), r]));
      const changedByKey = new Map(changed.map((r) => [keyOf(r), r]));
      // One event per engagement whose entries were created or changed.
      const perEngagement = new Map<string, { date: string; type: string; hours: string; previousHours: string | null }[]>();
      for (const row of changed) {
        const entry = toTimeEntry(row);
        const old = previous.get(keyOf(row));
        const list = perEngagement.get(row.engagementId) ?? [];
        list.push({ date: entry.date, type: entry.type, hours: entry.hours, previousHours: old ? toTimeEntry(old).hours : null });
        perEngagement.set(row.engagementId, list);
      }
      for (const [engagementId, entries] of perEngagement) {
        await recordEvent(tx, {
          clientId: byId.get(engagementId)!.clientId,
          type: "engagement.timeEntriesRecorded",
          objectType: "Engagement",
          objectId: engagementId,
          actor: principal.actor,
          after: { entries },
        });
      }
      // Unchanged entries were not written: they are the stored rows read before the upsert. One written
      // concurrently by another call between the two statements is read again.
      let rows = valid.map((v) => changedByKey.get(keyOf(v)) ?? previous.get(keyOf(v)) ?? null);
      if (rows.some((r) => r === null)) {
        const again = new Map(
          (await timeEntryRepository.existing(tx, principal.tenants, [...new Set(valid.map((v) => v.engagementId))], [...new Set(valid.map((v) => v.workDate))])).map((r) => [
            keyOf(r),
            r,
          ]),
        );
        rows = valid.map((v, i) => rows[i] ?? again.get(keyOf(v)) ?? null);
      }
      return { rows: rows.filter((r): r is TimeEntryRow => r !== null), changedCount: changed.length };
    });
    return succeeded({ timeEntries: saved.rows.map(toTimeEntry), changedCount: saved.changedCount, rejected: errors.list });
  }

  /** `Engagement.timeEntries`: through the loader, so a page of engagements reads its entries in one statement. */
  async ofEngagement(engagement: Engagement, args: EngagementTimeEntriesArgs) {
    this.ctx.principal.assertScope("payroll:read");
    if (args.to < args.from) throw badInput("`to` must be on or after `from`", { argument: "to" });
    if (dayNumber(args.to) - dayNumber(args.from) > MAX_RANGE_DAYS) throw badInput(`At most ${MAX_RANGE_DAYS} days between \`from\` and \`to\``, { argument: "to" });
    const rows = await this.ctx.loaders.get(timeEntriesByEngagement).load({ engagementId: engagement.dbId, range: { from: args.from, to: args.to, type: args.type ?? null } });
    return rows.map(toTimeEntry);
  }
}
