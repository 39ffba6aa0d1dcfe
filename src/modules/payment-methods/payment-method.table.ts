import { check, foreignKey, index, pgTable, text, timestamp, uniqueIndex, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { bankAccountTypeEnum, countryEnum, paymentMethodKindEnum, paymentMethodStatusEnum } from "../../db/enums";
import { workers } from "../workers/worker.table";

/**
 * Where a worker's pay goes: a bank account (direct deposit) or a paper check. A worker has at most one ACTIVE
 * method (partial unique index); replacing or removing one keeps the old row (REPLACED / REMOVED, with its
 * ciphertexts) because remittances already scheduled name it as their destination. `version` counts the
 * worker's methods: a new method takes the previous one's version + 1, so `expectedVersion` detects a concurrent
 * replacement.
 */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    workerId: uuid("worker_id").notNull(),
    kind: paymentMethodKindEnum("kind").notNull(),
    status: paymentMethodStatusEnum("status").notNull().default("ACTIVE"),
    /** Country of the bank (BANK_ACCOUNT only): decides the routing format (US ABA, Canadian institution + transit). */
    bankCountry: countryEnum("bank_country"),
    /** US accounts: checking or savings (the ACH transaction code depends on it); null otherwise. */
    accountType: bankAccountTypeEnum("account_type"),
    /**
     * US: the 9-digit ABA routing number; Canada: institution (3) + transit (5) digits. Encrypted by the application
     * (src/pii/pii-cipher.ts envelope, bound to this row's id); only its last four digits are ever shown.
     */
    routingEncrypted: text("routing_encrypted"),
    /** The account number, encrypted like `routingEncrypted`. */
    accountEncrypted: text("account_encrypted"),
    /** When it stopped being the active method (replaced or removed); null while ACTIVE. */
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: "payment_methods_worker_client_fk", columns: [t.workerId, t.clientId], foreignColumns: [workers.id, workers.clientId] }),
    uniqueIndex("payment_methods_one_active_per_worker")
      .on(t.workerId)
      .where(sql`${t.status} = 'ACTIVE'`),
    unique("payment_methods_id_client_key").on(t.id, t.clientId),
    index("payment_methods_client_worker_idx").on(t.clientId, t.workerId),
    check(
      "payment_methods_kind_check",
      sql`(${t.kind} = 'CHECK' and ${t.bankCountry} is null and ${t.routingEncrypted} is null and ${t.accountEncrypted} is null and ${t.accountType} is null)
        or (${t.kind} = 'BANK_ACCOUNT' and ${t.bankCountry} is not null and ${t.routingEncrypted} is not null and ${t.accountEncrypted} is not null)`,
    ),
    check("payment_methods_ended_check", sql`(${t.status} = 'ACTIVE') = (${t.endedAt} is null)`),
  ],
);
