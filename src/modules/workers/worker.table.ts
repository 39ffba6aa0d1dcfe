import { bigint, boolean, check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { filingStatusEnum, workerStatusEnum } from "../../db/enums";
import { clients } from "../clients/client.table";

/**
 * A person as one client's workforce knows them. A worker belongs to exactly one client: a person who works
 * for two clients has two worker records, so no client ever sees another client's view of a person.
 */
export const workers = pgTable(
  "workers",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    externalId: text("external_id"),
    legalFirstName: text("legal_first_name").notNull(),
    legalLastName: text("legal_last_name").notNull(),
    preferredName: text("preferred_name"),
    email: text("email").notNull(),
    homeJurisdiction: text("home_jurisdiction").notNull(),
    /**
     * SSN / SIN (9 digits), encrypted by the application (src/pii/pii-cipher.ts envelope: version, key id, iv,
     * ciphertext, tag; bound to this row's id). The last four digits are read from it, decrypted in memory.
     */
    taxIdEncrypted: text("tax_id_encrypted"),
    /** Keyed hash of the digits under the key that encrypted `taxIdEncrypted`: finds duplicates without decrypting. */
    taxIdHmac: text("tax_id_hmac"),
    status: workerStatusEnum("status").notNull().default("ACTIVE"),
    // US Form W-4 (2020 or later). Amounts are annual, in cents.
    w4FilingStatus: filingStatusEnum("w4_filing_status"),
    w4MultipleJobs: boolean("w4_multiple_jobs"),
    w4DependentsAmount: bigint("w4_dependents_amount", { mode: "number" }),
    w4OtherIncome: bigint("w4_other_income", { mode: "number" }),
    w4Deductions: bigint("w4_deductions", { mode: "number" }),
    /** Step 4(c): extra withholding per pay period, in cents. */
    w4ExtraWithholding: bigint("w4_extra_withholding", { mode: "number" }),
    // Canadian TD1 (federal and provincial personal tax credit claims, annual, in cents).
    td1FederalClaimAmount: bigint("td1_federal_claim_amount", { mode: "number" }),
    td1ProvincialClaimAmount: bigint("td1_provincial_claim_amount", { mode: "number" }),
    /**
     * State and provincial withholding certificates (DE 4, IL-W-4, IT-2104, TP-1015.3, …) as one PII envelope of
     * their JSON, keyed by form (src/modules/workers/worker-certificates.ts): personal data, so never in plain text.
     * Null when none is on file.
     */
    withholdingCertificatesEncrypted: text("withholding_certificates_encrypted"),
    cppExempt: boolean("cpp_exempt").notNull().default(false),
    eiExempt: boolean("ei_exempt").notNull().default(false),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    unique("workers_client_external_id_key").on(t.clientId, t.externalId),
    // One tax id once per client (`DUPLICATE_TAX_ID`), decided by the database when two creates race.
    unique("workers_client_tax_id_hmac_key").on(t.clientId, t.taxIdHmac),
    // Lets engagements reference (worker, client) so the database guarantees both belong together.
    unique("workers_id_client_key").on(t.id, t.clientId),
    index("workers_client_updated_idx").on(t.clientId, t.updatedAt),
    check("workers_home_jurisdiction_check", sql`${t.homeJurisdiction} ~ '^(US|CA)-[A-Z]{2}$'`),
    check(
      "workers_w4_amounts_check",
      sql`coalesce(${t.w4DependentsAmount}, 0) >= 0 and coalesce(${t.w4OtherIncome}, 0) >= 0 and coalesce(${t.w4Deductions}, 0) >= 0 and coalesce(${t.w4ExtraWithholding}, 0) >= 0`,
    ),
    check("workers_td1_amounts_check", sql`coalesce(${t.td1FederalClaimAmount}, 0) >= 0 and coalesce(${t.td1ProvincialClaimAmount}, 0) >= 0`),
  ],
);
