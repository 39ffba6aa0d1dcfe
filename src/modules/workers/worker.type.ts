import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import type { workers } from "./worker.table";

export enum WorkerStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}
registerEnumType(WorkerStatus, {
  name: "WorkerStatus",
  description: "Whether the worker can be engaged.",
  valuesConfig: {
    ACTIVE: { description: "Can be hired and paid." },
    INACTIVE: { description: "No longer engaged by this client; kept for records." },
  },
});

export type WorkerRow = typeof workers.$inferSelect;

/**
 * A person in one client's workforce. Sensitive fields (email, tax id, withholding elections) are fields of
 * their own that need the `pii:read` scope. STUB: the workers module completes it.
 */
@ObjectType("Worker", { implements: Node, description: "A person in one client's workforce." })
export class Worker extends Node {
  readonly nodeType = "Worker" as const;
  /** Database uuid and row; not fields. */
  dbId!: string;
  clientDbId!: string;
  row!: WorkerRow;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for this worker, unique within the client." })
  externalId!: string | null;

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
  return Object.assign(new Worker(), {
    id: toGlobalId("Worker", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    row,
    externalId: row.externalId,
    status: row.status as WorkerStatus,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
