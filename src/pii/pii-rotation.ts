import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { workerRepository } from "../modules/workers/worker.repository";
import { openTaxId, sealTaxId } from "../modules/workers/worker-tax-id";
import { resealCertificates } from "../modules/workers/worker-certificates";
import { webhookStreamRepository } from "../modules/webhooks/webhook.repository";
import { secretContext } from "../modules/webhooks/webhook-delivery";
import { idempotencyRepository } from "../idempotency/idempotency.repository";
import { bodyContext } from "../idempotency/idempotency.service";
import { paymentMethodRepository } from "../modules/payment-methods/payment-method.repository";
import { openAccount, openRouting, sealBankNumbers } from "../modules/payment-methods/payment-method-secret";
import { PiiDecryptionError, type PiiCipher } from "./pii-cipher";

export interface RotationCounts {
  /** Values found under another key than the current one. */
  found: number;
  /** Re-encrypted under the current key (and, for tax ids, their keyed hash recomputed). */
  reencrypted: number;
  /** Changed by someone else between read and write (left as they are: the writer used the current key). */
  changedMeanwhile: number;
  /** Under a key that is neither current nor in PII_ENCRYPTION_KEYS_PREVIOUS, or altered: left untouched. */
  undecryptable: number;
  /** Their new keyed hash equals another worker's of the same client (only possible if a duplicate slipped in during a rotation). */
  conflicts: number;
}

/** The totals, and the counts of each sealed column by its name (`workers.tax_id`, …). */
export type RotationReport = RotationCounts & { columns: Record<string, RotationCounts> };

/**
 * One encrypted column: how to page through its values under another key, re-seal one (decrypt with any known
 * key, encrypt under the current one; throws PiiDecryptionError) and swap it in by compare-and-set.
 */
interface SealedColumn<Row> {
  name: string;
  notUnderKey(db: Db, keyId: string, after: Row | null, limit: number): Promise<Row[]>;
  replace(db: Db, cipher: PiiCipher, row: Row): Promise<boolean>;
  /** A unique constraint the new value may hit (counted as a conflict, not thrown). */
  uniqueConstraint?: string;
}

type TaxIdRow = Awaited<ReturnType<typeof workerRepository.taxIdsNotUnderKey>>[number];
type SecretRow = { id: string; envelope: string };
type AnswerRow = { principalSub: string; idempotencyKey: string; envelope: string };
type BankRow = Awaited<ReturnType<typeof paymentMethodRepository.ciphertextsNotUnderKey>>[number];

const webhookSecret = (column: "secret" | "previousSecret", name: string): SealedColumn<SecretRow> => ({
  name,
  notUnderKey: (db, keyId, after, limit) => webhookStreamRepository.secretsNotUnderKey(db, column, keyId, after?.id ?? null, limit),
  replace: (db, cipher, row) =>
    webhookStreamRepository.replaceSecretCiphertext(db, column, row.id, row.envelope, cipher.encrypt(cipher.decrypt(row.envelope, secretContext(row.id)), secretContext(row.id))),
});

/** Every column sealed with the PII cipher. A new encrypted column is added here, or `pii:rotate` leaves it under an old key. */
const SEALED_COLUMNS: readonly SealedColumn<never>[] = [
  {
    name: "workers.tax_id",
    notUnderKey: (db, keyId, after, limit) => workerRepository.taxIdsNotUnderKey(db, keyId, after?.id ?? null, limit),
    replace: (db, cipher, row: TaxIdRow) => workerRepository.replaceTaxIdCiphertext(db, row.id, row.taxIdEncrypted, sealTaxId(cipher, row, openTaxId(cipher, row))),
    uniqueConstraint: "workers_client_tax_id_hmac_key",
  } satisfies SealedColumn<TaxIdRow>,
  {
    // A bank account's routing and account numbers are one value: re-sealed together, swapped together.
    name: "payment_methods.bank_numbers",
    notUnderKey: (db, keyId, after, limit) => paymentMethodRepository.ciphertextsNotUnderKey(db, keyId, after?.id ?? null, limit),
    replace: (db, cipher, row: BankRow) =>
      paymentMethodRepository.replaceCiphertexts(db, row.id, row, sealBankNumbers(cipher, row.id, openRouting(cipher, row), openAccount(cipher, row))),
  } satisfies SealedColumn<BankRow>,
  webhookSecret("secret", "webhook_endpoints.secret"),
  webhookSecret("previousSecret", "webhook_endpoints.previous_secret"),
  {
    name: "idempotency_keys.response_body",
    notUnderKey: (db, keyId, after, limit) => idempotencyRepository.answersNotUnderKey(db, keyId, after, limit),
    replace: (db, cipher, row: AnswerRow) => {
      const context = bodyContext(row.principalSub, row.idempotencyKey);
      return idempotencyRepository.replaceAnswerCiphertext(db, row.principalSub, row.idempotencyKey, row.envelope, cipher.encrypt(cipher.decrypt(row.envelope, context), context));
    },
  } satisfies SealedColumn<AnswerRow>,
  {
    name: "workers.withholding_certificates",
    notUnderKey: (db, keyId, after, limit) => workerRepository.certificatesNotUnderKey(db, keyId, after?.id ?? null, limit),
    replace: (db, cipher, row: SecretRow) => workerRepository.replaceCertificatesCiphertext(db, row.id, row.envelope, resealCertificates(cipher, row.id, row.envelope)),
  } satisfies SealedColumn<SecretRow>,
] as SealedColumn<never>[];

const zero = (): RotationCounts => ({ found: 0, reencrypted: 0, changedMeanwhile: 0, undecryptable: 0, conflicts: 0 });

/**
 * Re-encrypts every stored PII value that is not under the current key (workers' tax ids and withholding certificates, payment methods' bank
 * numbers, webhook signing secrets, stored idempotent answers), `batchSize` rows per read, each row replaced by a compare-and-set on its old
 * envelope, so it can run beside the server, be interrupted and be re-run: a second run finds nothing left to do.
 * Values it cannot decrypt are counted and left as they are. `onBatch` gets the running totals.
 */
export async function rotatePii(db: Db, cipher: PiiCipher, options: { batchSize?: number; onBatch?: (counts: RotationCounts) => void } = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  const totals = zero();
  const columns: Record<string, RotationCounts> = {};
  for (const column of SEALED_COLUMNS as readonly SealedColumn<unknown>[]) {
    const counts = (columns[column.name] = zero());
    const add = (field: keyof RotationCounts) => {
      counts[field]++;
      totals[field]++;
    };
    let after: unknown = null;
    for (;;) {
      const rows = await column.notUnderKey(db, cipher.currentKeyId, after, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        add("found");
        try {
          add((await column.replace(db, cipher, row)) ? "reencrypted" : "changedMeanwhile");
        } catch (e) {
          if (e instanceof PiiDecryptionError) add("undecryptable");
          else if (column.uniqueConstraint && isUniqueViolation(e, column.uniqueConstraint)) add("conflicts");
          else throw e;
        }
      }
      after = rows[rows.length - 1];
      options.onBatch?.({ ...totals });
    }
  }
  return { ...totals, columns };
}
