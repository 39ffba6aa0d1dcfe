import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import type { clients } from "./client.table";

export enum ClientStatus {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
}
registerEnumType(ClientStatus, {
  name: "ClientStatus",
  description: "Whether the EOR currently serves the client.",
  valuesConfig: {
    ACTIVE: { description: "Served: hires and payrolls are accepted." },
    SUSPENDED: { description: "Service suspended by the EOR; data stays readable." },
  },
});

@ObjectType("Client", {
  simpleResolvers: true,
  implements: Node,
  description: "A company the EOR serves. The tenant boundary: a caller sees only its clients.",
})
export class Client implements Node {
  id!: string;
  readonly nodeType = "Client" as const;
  /** Database uuid; not a field. */
  dbId!: string;

  @Field(() => String, { description: "Company name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "The integrator's own identifier for this client, unique across clients." })
  externalId!: string | null;

  @Field(() => ClientStatus, { description: "Service status." })
  status!: ClientStatus;

  @Field(() => Int, { description: "Optimistic-lock version, incremented on every change: pass it as `expectedVersion` to `updateClient`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the client was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the client last changed; filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

export const ClientConnection = ConnectionType(Client, "Client", "clients");

export function toClient(row: typeof clients.$inferSelect): Client {
  const client = new Client();
  client.id = toGlobalId("Client", row.id);
  client.dbId = row.id;
  client.name = row.name;
  client.externalId = row.externalId;
  client.status = row.status as ClientStatus;
  client.version = row.version;
  client.createdAt = row.createdAt;
  client.updatedAt = row.updatedAt;
  return client;
}
