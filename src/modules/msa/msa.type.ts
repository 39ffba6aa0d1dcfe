import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { msaClauses, msas } from "./msa.table";
import type { MsaParty, StoredAcceptance } from "./acceptance";

export type MsaRow = typeof msas.$inferSelect;
export type MsaClauseRow = typeof msaClauses.$inferSelect;

export enum MsaStatus {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(MsaStatus, {
  name: "MsaStatus",
  description: "Where an MSA version is in its life: DRAFT → ACTIVE → SUPERSEDED, never back. A changed agreement is a new version (`createMsa`), never an edit of an active one.",
  valuesConfig: {
    DRAFT: { description: "Being written: clauses can be added (`addMsaClause`) and removed (`removeMsaClause`). Not used to answer responsibilities." },
    ACTIVE: {
      description:
        "In force: set when the client side and the EOR have both accepted the same content (`acceptMsa`). Immutable, and the version that answers `Engagement.responsibilities`. At most one ACTIVE version per client.",
    },
    SUPERSEDED: {
      description:
        "Replaced by a newer version: when another version becomes ACTIVE, the previously ACTIVE one becomes SUPERSEDED with `effectiveTo` = the day before the new version's `effectiveFrom`. Immutable; kept as history.",
    },
  },
});

export enum ResponsibleParty {
  EOR = "EOR",
  CLIENT = "CLIENT",
  SHARED = "SHARED",
}
registerEnumType(ResponsibleParty, {
  name: "ResponsibleParty",
  description: "Who holds a responsibility under the MSA.",
  valuesConfig: {
    EOR: { description: "The Employer of Record carries it alone, as the legal employer under its own EIN (US) or BN (Canada)." },
    CLIENT: { description: "The client carries it alone (it directs the work, or is the co-employer under PEO)." },
    SHARED: { description: "Both carry it; the clause text says how the duty is split." },
  },
});

export enum ResponsibilityCategory {
  PAYROLL_PROCESSING = "PAYROLL_PROCESSING",
  PAYROLL_APPROVAL = "PAYROLL_APPROVAL",
  TAX_WITHHOLDING = "TAX_WITHHOLDING",
  TAX_REMITTANCE = "TAX_REMITTANCE",
  REGULATORY_FILINGS = "REGULATORY_FILINGS",
  BENEFITS_ADMINISTRATION = "BENEFITS_ADMINISTRATION",
  EMPLOYMENT_CONTRACTS = "EMPLOYMENT_CONTRACTS",
  WORKER_CLASSIFICATION = "WORKER_CLASSIFICATION",
  DAY_TO_DAY_SUPERVISION = "DAY_TO_DAY_SUPERVISION",
  TIME_TRACKING_APPROVAL = "TIME_TRACKING_APPROVAL",
  EXPENSE_REIMBURSEMENT = "EXPENSE_REIMBURSEMENT",
  WORKPLACE_SAFETY = "WORKPLACE_SAFETY",
  TERMINATION = "TERMINATION",
}
registerEnumType(ResponsibilityCategory, {
  name: "ResponsibilityCategory",
  description: "An employer responsibility that an MSA clause assigns to the EOR, the client or both.",
  valuesConfig: {
    PAYROLL_PROCESSING: { description: "Running payroll: gross-to-net calculation, pay statements and paying net pay to workers on the pay date." },
    PAYROLL_APPROVAL: { description: "Approving each payroll run (hours, earnings, off-cycle payments) before it is funded and paid." },
    TAX_WITHHOLDING: { description: "Withholding employee income tax and social contributions (US federal/state/FICA; Canadian CPP/QPP, EI, income tax) from pay." },
    TAX_REMITTANCE: { description: "Sending withheld and employer taxes to the authorities (IRS, state agencies, CRA, Revenu Québec) by their deposit due dates." },
    REGULATORY_FILINGS: { description: "Employer filings and year-end reporting: Forms 941/940, W-2 and 1099 in the US; T4, T4A and ROE in Canada; state and provincial returns." },
    BENEFITS_ADMINISTRATION: { description: "Offering and administering benefits: eligibility, enrolment, deductions and carrier payments." },
    EMPLOYMENT_CONTRACTS: { description: "Issuing and keeping the employment or contractor agreements, as the party that signs them." },
    WORKER_CLASSIFICATION: { description: "Deciding and defending employee versus contractor status (W-2/1099, T4/T4A) in the work country." },
    DAY_TO_DAY_SUPERVISION: { description: "Directing and supervising the daily work: tasks, schedules, performance." },
    TIME_TRACKING_APPROVAL: { description: "Approving timesheets and hours worked that feed payroll (overtime included)." },
    EXPENSE_REIMBURSEMENT: { description: "Approving business expenses and reimbursing them through payroll or otherwise." },
    WORKPLACE_SAFETY: { description: "Occupational health and safety at the place of work, and workers' compensation coverage and claims." },
    TERMINATION: { description: "Ending an engagement: decision, notice and final pay under the jurisdiction's rules, and the separation paperwork." },
  },
});

@ObjectType("Msa", {
  simpleResolvers: true,
  implements: Node,
  description:
    "One version of a client's Master Service Agreement: who holds which employer responsibility, by jurisdiction. DRAFT versions are editable by both parties; a DRAFT becomes ACTIVE (immutable, superseding the previous one) when the client side and the EOR have both accepted its current content with `acceptMsa`.",
})
export class Msa implements Node {
  id!: string;
  readonly nodeType = "Msa" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  /** Stored acceptances, whatever content they were given for; the graph shows the ones that still count. */
  acceptances!: Record<MsaParty, StoredAcceptance | null>;

  @Field(() => Int, { description: "Version number within the client, 1, 2, 3…: each new version takes the highest number so far plus one." })
  versionNumber!: number;

  @Field(() => String, { description: "Title of the agreement." })
  title!: string;

  @Field(() => MsaStatus, { description: "DRAFT, ACTIVE or SUPERSEDED; see `MsaStatus`." })
  status!: MsaStatus;

  @Field(() => DateScalar, { description: "First day the agreement applies." })
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Last day the agreement applies: set when a newer version supersedes it (the day before the newer version's `effectiveFrom`); null while open-ended.",
  })
  effectiveTo!: string | null;

  @Field(() => DateTimeScalar, { description: "When the version was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: "When the version or its clauses last changed (status change, clause added or removed); filter with `updatedSince` to sync incrementally.",
  })
  updatedAt!: Date;
}

export const MsaConnection = ConnectionType(Msa, "Msa", "MSA versions");

@ObjectType("MsaClause", {
  simpleResolvers: true,
  implements: Node,
  description: "A clause of an MSA version: which party holds one responsibility category, in some jurisdictions or in all.",
})
export class MsaClause implements Node {
  id!: string;
  readonly nodeType = "MsaClause" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  msaDbId!: string;
  clientDbId!: string;

  @Field(() => ResponsibilityCategory, { description: "The responsibility the clause assigns." })
  category!: ResponsibilityCategory;

  @Field(() => ResponsibleParty, { description: "Who holds it: EOR, CLIENT or SHARED." })
  responsibleParty!: ResponsibleParty;

  @MaxItems(LIST_LIMITS.jurisdictions)
  @Field(() => [String], {
    description:
      "Where the clause applies: countries (`US`, `CA`) and subdivisions (`US-CA`, `CA-QC`), sorted. Empty means every jurisdiction (see `appliesToAllJurisdictions`). At most 66 (every supported jurisdiction).",
  })
  jurisdictions!: string[];

  @Field(() => Boolean, { description: "True when `jurisdictions` is empty: the clause applies in every jurisdiction." })
  appliesToAllJurisdictions!: boolean;

  @Field(() => String, { description: "Short title of the clause." })
  title!: string;

  @Field(() => String, { description: "Full text of the clause." })
  text!: string;

  @Field(() => DateTimeScalar, { description: "When the clause was added. Clauses are never edited: remove and add again on a DRAFT." })
  createdAt!: Date;
}

export function toMsa(row: MsaRow): Msa {
  const msa = new Msa();
  msa.id = toGlobalId("Msa", row.id);
  msa.dbId = row.id;
  msa.clientDbId = row.clientId;
  msa.versionNumber = row.versionNumber;
  msa.title = row.title;
  msa.status = row.status as MsaStatus;
  msa.effectiveFrom = row.effectiveFrom;
  msa.effectiveTo = row.effectiveTo;
  msa.createdAt = row.createdAt;
  msa.updatedAt = row.updatedAt;
  msa.acceptances = {
    CLIENT: storedAcceptance(row.clientAcceptedAt, row.clientAcceptedByKind, row.clientAcceptedById, row.clientAcceptedDigest),
    EOR: storedAcceptance(row.eorAcceptedAt, row.eorAcceptedByKind, row.eorAcceptedById, row.eorAcceptedDigest),
  };
  return msa;
}

function storedAcceptance(at: Date | null, kind: StoredAcceptance["actor"]["kind"] | null, id: string | null, digest: string | null): StoredAcceptance | null {
  return at && kind && id && digest ? { at, actor: { kind, id }, digest } : null;
}

export function toMsaClause(row: MsaClauseRow): MsaClause {
  const clause = new MsaClause();
  clause.id = toGlobalId("MsaClause", row.id);
  clause.dbId = row.id;
  clause.msaDbId = row.msaId;
  clause.clientDbId = row.clientId;
  clause.category = row.category as ResponsibilityCategory;
  clause.responsibleParty = row.responsibleParty as ResponsibleParty;
  clause.jurisdictions = row.jurisdictions;
  clause.appliesToAllJurisdictions = row.jurisdictions.length === 0;
  clause.title = row.title;
  clause.text = row.text;
  clause.createdAt = row.createdAt;
  return clause;
}
