import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { CLASSIFICATIONS, type Classification as ClassificationValue } from "../../shared/classification";
import { enumObject } from "../../shared/enum-object";
import type { engagements } from "./engagement.table";
import type { EngagementPageColumns, EngagementWithRelations } from "./engagement.repository";
import { selectsOnly, type NodeSelection } from "../../shared/selection";
import { deriveEngagementStatus } from "./engagement-status";
import { EngagementEndReason } from "../offboarding/termination-reason";

export type EngagementRow = typeof engagements.$inferSelect;

export enum EmploymentModel {
  EOR = "EOR",
  PEO = "PEO",
}
registerEnumType(EmploymentModel, {
  name: "EmploymentModel",
  description: "Who is the legal employer.",
  valuesConfig: {
    EOR: { description: "Employer of Record: the EOR is the sole legal employer, under its own EIN/BN. Needs no client entity." },
    PEO: {
      description:
        "Co-employment: the client stays the legal employer and shares duties with the EOR. Needs the client's own legal entity in the work jurisdiction; employees only.",
    },
  },
});

/** The classifications of src/shared/classification.ts (also the `classification` database enum's values). */
export const Classification = enumObject(CLASSIFICATIONS);
export type Classification = ClassificationValue;
registerEnumType(Classification, {
  name: "Classification",
  description: "How the worker is classified in the work country.",
  valuesConfig: {
    US_W2_EMPLOYEE: { description: "United States employee: wages reported on Form W-2, taxes withheld." },
    US_1099_CONTRACTOR: { description: "United States independent contractor: paid gross, reported on Form 1099-NEC." },
    CA_T4_EMPLOYEE: { description: "Canadian employee: employment income reported on a T4 slip, source deductions withheld." },
    CA_T4A_CONTRACTOR: { description: "Canadian self-employed contractor: paid gross, fees reported on a T4A slip." },
  },
});

export enum EngagementStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  ENDED = "ENDED",
}
registerEnumType(EngagementStatus, {
  name: "EngagementStatus",
  description:
    "Where the engagement is in its life. ENDED is stored when `endEngagement` runs; PENDING and ACTIVE are derived on every read from `startDate` and today's date (UTC), so they never go stale when a start date passes. A fixed-term engagement whose `endDate` has passed is ENDED too.",
  valuesConfig: {
    PENDING: { description: "Hired, `startDate` is after today." },
    ACTIVE: { description: "Working: `startDate` is today or earlier and the engagement has not ended." },
    ENDED: {
      description:
        "Terminated by `endEngagement` (final, even while `endDate` is still ahead: no further compensation changes), or a fixed-term engagement whose `endDate` is before today.",
    },
  },
});

/** One worker working for one client. Relations (worker, client, compensation) are resolved by loaders. */
@ObjectType("Engagement", {
  simpleResolvers: true,
  implements: Node,
  description:
    "One worker working for one client, in one jurisdiction, under one employment model, with effective-dated compensation. A worker's engagements with one client never overlap.",
})
export class Engagement implements Node {
  id!: string;
  readonly nodeType = "Engagement" as const;
  /** Database uuids and row; not fields. */
  dbId!: string;
  clientDbId!: string;
  workerDbId!: string;
  row!: EngagementRow;
  /**
   * The client and the current compensation, when the statement that read the engagement read them too (a page of
   * a worker's engagements; each whole or as the summary its selection asked for, `ENGAGEMENT_PAGE_SUMMARY`):
   * `client` and `currentCompensation` then answer at once, without a promise each. Not fields; undefined for an
   * engagement read alone (the resolvers load them).
   */
  related: Omit<EngagementWithRelations, "engagement"> | undefined;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for this engagement, unique within the client." })
  externalId!: string | null;

  @Field(() => String, { description: "Job title." })
  title!: string;

  @Field(() => String, { description: "Work jurisdiction, ISO 3166-2 (e.g. `US-CA`, `CA-ON`). Decides taxes and currency." })
  workJurisdiction!: string;

  @Field(() => EmploymentModel, { description: "EOR or PEO." })
  employmentModel!: EmploymentModel;

  @Field(() => Classification, { description: "Classification in the work country." })
  classification!: Classification;

  @Field(() => DateScalar, { description: "First day of work." })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day of work; null while open-ended." })
  endDate!: string | null;

  @Field(() => EngagementStatus, { description: "Where the engagement is in its life (PENDING/ACTIVE derived from the dates and today)." })
  status!: EngagementStatus;

  @Field(() => String, { nullable: true, description: "Why the engagement ended, as given to `endEngagement`." })
  endReason!: string | null;

  @Field(() => Boolean, {
    description:
      "Exempt from overtime (US only): a salaried employee who meets a white-collar exemption. Refused unless paid a SALARY at or above the federal and state thresholds (`EXEMPT_NOT_ALLOWED`, `EXEMPT_SALARY_BELOW_THRESHOLD`; README, Labor-law checks). Non-exempt hourly employees are paid overtime by the payroll calculation.",
  })
  exempt!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Work locality finer than `workJurisdiction` whose local minimum wage (and New York's downstate rates) apply, e.g. `US-CA-SF`; null: only the federal and state or provincial rules are enforced.",
  })
  workLocality!: string | null;
  @Field(() => EngagementEndReason, {
    nullable: true,
    description:
      "Why the engagement ended (`endEngagement`'s `terminationReason`): decides the final-pay deadline (`finalPay`). Null while it has not ended, or when it was ended without one.",
  })
  terminationReason!: EngagementEndReason | null;

  @Field(() => Int, {
    description:
      "Optimistic-lock version, incremented on every change (including compensation changes): pass it as `expectedVersion` to `updateEngagement`, `changeCompensation` or `endEngagement`.",
  })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the engagement was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the engagement (or its compensation) last changed; filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

export const EngagementConnection = ConnectionType(Engagement, "Engagement", "engagements");

/**
 * What a page of a worker's engagements can answer from its summary columns (engagement.repository.ts), per part:
 *   - `engagement`: the fields of Engagement among `ENGAGEMENT_SUMMARY_COLUMNS`, and the field resolvers that need
 *     nothing of the row but its uuids (`client` and `currentCompensation` from `related`, `worker`, `compensations`);
 *   - `client`: the fields of its Client among `CLIENT_SUMMARY_COLUMNS`;
 *   - `currentCompensation`: the fields of its Compensation but `reason` and `createdAt`, and `engagement`.
 * A page whose selection reads any other field of a part reads every column of that part.
 * test/e2e/engagement-summary.test.ts checks each of these fields against the same object read whole.
 */
export const ENGAGEMENT_PAGE_SUMMARY = {
  engagement: new Set([
    "__typename",
    "id",
    "externalId",
    "title",
    "workJurisdiction",
    "status",
    "startDate",
    "endDate",
    "client",
    "currentCompensation",
    "worker",
    "compensations",
  ]),
  client: new Set(["__typename", "id", "name", "externalId", "status"]),
  currentCompensation: new Set(["__typename", "id", "basis", "amount", "effectiveFrom", "engagement"]),
} as const satisfies Record<string, ReadonlySet<string>>;

/** Per selection (one per field of a document, `connectionNodeSelection`): its columns, decided once. */
const pageColumns = new WeakMap<NodeSelection, EngagementPageColumns>();

/** The columns a page of a worker's engagements reads of each part, for what its selection reads on them. */
export function engagementPageColumns(selection: NodeSelection): EngagementPageColumns {
  const known = pageColumns.get(selection);
  if (known) return known;
  const summaryOr = (yes: boolean) => (yes ? "summary" : "all");
  const columns: EngagementPageColumns = {
    engagement: summaryOr(selectsOnly(selection.keys(), ENGAGEMENT_PAGE_SUMMARY.engagement)),
    client: summaryOr(selectsOnly(selection.get("client"), ENGAGEMENT_PAGE_SUMMARY.client)),
    compensation: summaryOr(selectsOnly(selection.get("currentCompensation"), ENGAGEMENT_PAGE_SUMMARY.currentCompensation)),
  };
  pageColumns.set(selection, columns);
  return columns;
}

/**
 * An engagement read with its client and current compensation (`pagesByWorkerIds`): see `Engagement.related`. A
 * part read as a summary leaves the fields of its other columns undefined: the selection that asked for the summary
 * reads none of them (`ENGAGEMENT_PAGE_SUMMARY`).
 */
export function toEngagementWithRelations({ engagement: row, client, compensation }: EngagementWithRelations): Engagement {
  const engagement = toEngagement(row as EngagementRow);
  engagement.related = { client, compensation };
  return engagement;
}

export function toEngagement(row: EngagementRow): Engagement {
  const engagement = new Engagement();
  engagement.id = toGlobalId("Engagement", row.id);
  engagement.dbId = row.id;
  engagement.clientDbId = row.clientId;
  engagement.workerDbId = row.workerId;
  engagement.row = row;
  engagement.externalId = row.externalId;
  engagement.title = row.title;
  engagement.workJurisdiction = row.workJurisdiction;
  engagement.employmentModel = row.employmentModel as EmploymentModel;
  engagement.classification = row.classification;
  engagement.startDate = row.startDate;
  engagement.endDate = row.endDate;
  engagement.status = deriveEngagementStatus(row) as EngagementStatus;
  engagement.endReason = row.endReason;
  engagement.exempt = row.exempt;
  engagement.workLocality = row.workLocality;
  engagement.terminationReason = row.terminationReason as EngagementEndReason | null;
  engagement.version = row.version;
  engagement.createdAt = row.createdAt;
  engagement.updatedAt = row.updatedAt;
  engagement.related = undefined;
  return engagement;
}
