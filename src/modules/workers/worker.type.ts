import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { Money, money } from "../../shared/money";
import type { workers } from "./worker.table";
import type { Certificates } from "../payroll/engine/certificates";
import { allCertificateForms } from "../payroll/engine/certificates-registry";
import { WithholdingCertificates, toCertificateObject } from "./worker-certificates.type";

export enum WorkerStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}
registerEnumType(WorkerStatus, {
  name: "WorkerStatus",
  description: "Whether the worker can be engaged.",
  valuesConfig: {
    ACTIVE: { description: "Can be hired and paid." },
    INACTIVE: { description: "No longer engaged by this client; kept for records. Cannot be hired (`WORKER_NOT_ACTIVE`)." },
  },
});

export enum FilingStatus {
  SINGLE = "SINGLE",
  MARRIED_FILING_JOINTLY = "MARRIED_FILING_JOINTLY",
  HEAD_OF_HOUSEHOLD = "HEAD_OF_HOUSEHOLD",
}
registerEnumType(FilingStatus, {
  name: "FilingStatus",
  description: "US Form W-4 (2020 or later) Step 1(c) filing status.",
  valuesConfig: {
    SINGLE: { description: "Single or Married filing separately." },
    MARRIED_FILING_JOINTLY: { description: "Married filing jointly or Qualifying surviving spouse." },
    HEAD_OF_HOUSEHOLD: { description: "Head of household." },
  },
});

/**
 * A worker row as the application reads it. The tax id is only there encrypted (`taxIdEncrypted`): it is
 * decrypted in memory when a `pii:read` caller asks for `taxIdLast4`, and never reaches an event or a log.
 */
export type WorkerRow = Omit<typeof workers.$inferSelect, "taxIdHmac">;

@ObjectType("W4Withholding", { description: "US Form W-4 (2020 or later) elections. Amounts are in USD." })
export class W4Withholding {
  @Field(() => FilingStatus, { description: "Step 1(c) filing status." })
  filingStatus!: FilingStatus;

  @Field(() => Boolean, { description: "Step 2(c): multiple jobs or spouse works (the checkbox)." })
  multipleJobs!: boolean;

  @Field(() => Money, { description: "Step 3: total claim for dependents and other credits, per year." })
  dependentsAmount!: Money;

  @Field(() => Money, { description: "Step 4(a): other income not from jobs, per year." })
  otherIncome!: Money;

  @Field(() => Money, { description: "Step 4(b): deductions beyond the standard deduction, per year." })
  deductions!: Money;

  @Field(() => Money, { description: "Step 4(c): extra withholding per pay period." })
  extraWithholding!: Money;
}

@ObjectType("Td1Withholding", { description: "Canadian TD1 personal tax credit claims. Amounts are annual, in CAD." })
export class Td1Withholding {
  @Field(() => Money, {
    nullable: true,
    description: "Total claim amount on the federal TD1; null when not filed (payroll then uses the federal basic personal amount).",
  })
  federalClaimAmount!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: "Total claim amount on the provincial or territorial TD1 (TP-1015.3 in Québec); null when not filed (payroll then uses the provincial basic personal amount).",
  })
  provincialClaimAmount!: Money | null;
}

@ObjectType("Withholding", { description: "The worker's withholding elections: W-4 for US work, TD1 for Canadian work." })
export class Withholding {
  @Field(() => W4Withholding, { nullable: true, description: "US Form W-4 elections; null when none were given." })
  w4!: W4Withholding | null;

  @Field(() => Td1Withholding, { nullable: true, description: "Canadian TD1 claims; null when none were given." })
  td1!: Td1Withholding | null;

  @Field(() => WithholdingCertificates, {
    description: "State and provincial withholding certificates on file (DE 4, IL-W-4, …), one field per form; each null when not on file.",
  })
  certificates!: WithholdingCertificates;

  @Field(() => Boolean, { description: "Exempt from Canada Pension Plan / Québec Pension Plan contributions." })
  cppExempt!: boolean;

  @Field(() => Boolean, { description: "Exempt from Employment Insurance premiums." })
  eiExempt!: boolean;
}

/**
 * A person in one client's workforce. Names, status and jurisdiction are plain fields; the sensitive ones
 * (`email`, `taxIdLast4`, `withholding`) are resolved by `WorkerResolver` and need the `pii:read` scope each.
 */
@ObjectType("Worker", {
  simpleResolvers: true,
  implements: Node,
  description:
    "A person in one client's workforce (a person working for two clients has two worker records). `email`, `taxIdLast4` and `withholding` need the `pii:read` scope: without it each of them is null with a FORBIDDEN error on its path, and the other fields still resolve.",
})
export class Worker implements Node {
  id!: string;
  readonly nodeType = "Worker" as const;
  /** Database uuids and row (without the tax id); not fields. */
  dbId!: string;
  clientDbId!: string;
  row!: WorkerRow;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for this worker, unique within the client." })
  externalId!: string | null;

  @Field(() => String, { description: "Legal first (given) name, as on tax documents." })
  legalFirstName!: string;

  @Field(() => String, { description: "Legal last (family) name, as on tax documents." })
  legalLastName!: string;

  @Field(() => String, { nullable: true, description: "The first name the worker goes by, if different from the legal one." })
  preferredName!: string | null;

  @Field(() => String, { description: "Name to show: preferred name (or legal first name when none) and legal last name." })
  displayName!: string;

  @Field(() => String, { description: "Where the worker lives, ISO 3166-2 (e.g. `US-NY`, `CA-QC`). May differ from an engagement's work jurisdiction." })
  homeJurisdiction!: string;

  @Field(() => WorkerStatus, { description: "Whether the worker can be engaged." })
  status!: WorkerStatus;

  @Field(() => Int, { description: "Optimistic-lock version: pass it as `expectedVersion` to `updateWorker`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the worker was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the worker last changed; filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

export const WorkerConnection = ConnectionType(Worker, "Worker", "workers");

export function toWorker(row: WorkerRow): Worker {
  const worker = new Worker();
  worker.id = toGlobalId("Worker", row.id);
  worker.dbId = row.id;
  worker.clientDbId = row.clientId;
  worker.row = row;
  worker.externalId = row.externalId;
  worker.legalFirstName = row.legalFirstName;
  worker.legalLastName = row.legalLastName;
  worker.preferredName = row.preferredName;
  worker.displayName = `${row.preferredName ?? row.legalFirstName} ${row.legalLastName}`;
  worker.homeJurisdiction = row.homeJurisdiction;
  worker.status = row.status as WorkerStatus;
  worker.version = row.version;
  worker.createdAt = row.createdAt;
  worker.updatedAt = row.updatedAt;
  return worker;
}

/**
 * The withholding elections of a row (the `withholding` field resolver returns it after the scope check), with its
 * certificates decrypted by the caller.
 */
export function toWithholding(row: WorkerRow, certificates: Certificates): Withholding {
  const w4 =
    row.w4FilingStatus === null
      ? null
      : Object.assign(new W4Withholding(), {
          filingStatus: row.w4FilingStatus as FilingStatus,
          multipleJobs: row.w4MultipleJobs ?? false,
          dependentsAmount: money(row.w4DependentsAmount ?? 0, "USD"),
          otherIncome: money(row.w4OtherIncome ?? 0, "USD"),
          deductions: money(row.w4Deductions ?? 0, "USD"),
          extraWithholding: money(row.w4ExtraWithholding ?? 0, "USD"),
        });
  const td1 =
    row.td1FederalClaimAmount === null && row.td1ProvincialClaimAmount === null
      ? null
      : Object.assign(new Td1Withholding(), {
          federalClaimAmount: row.td1FederalClaimAmount === null ? null : money(row.td1FederalClaimAmount, "CAD"),
          provincialClaimAmount: row.td1ProvincialClaimAmount === null ? null : money(row.td1ProvincialClaimAmount, "CAD"),
        });
  const onFile = Object.assign(
    new WithholdingCertificates(),
    Object.fromEntries(allCertificateForms().map((form) => [form.key, certificates[form.key] ? toCertificateObject(form, certificates[form.key]) : null])),
  );
  return Object.assign(new Withholding(), { w4, td1, certificates: onFile, cppExempt: row.cppExempt, eiExempt: row.eiExempt });
}
