import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { workerRepository } from "../modules/workers/worker.repository";
import { openTaxId, sealTaxId } from "../modules/workers/worker-tax-id";
import { paymentMethodRepository } from "../modules/payment-methods/payment-method.repository";
import { openAccount, openRouting, sealBankNumbers } from "../modules/payment-methods/payment-method-secret";
import { PiiDecryptionError, type PiiCipher } from "./pii-cipher";

export interface RotationCounts {
  /** Values found under another key than the current one. */
  found: number;
  /** Re-encrypted under the current key (and their keyed hash recomputed). */
  reencrypted: number;
  /** Changed by someone else between read and write (left as they are: the writer used the current key). */
  changedMeanwhile: number;
  /** Under a key that is neither current nor in PII_ENCRYPTION_KEYS_PREVIOUS, or altered: left untouched. */
  undecryptable: number;
  /** Their new keyed hash equals another worker's of the same client (only possible if a duplicate slipped in during a rotation). */
  conflicts: number;
}

/**
 * Re-encrypts every stored PII value that is not under the current key (workers' tax ids, then payment methods'
 * routing and account numbers, a bank account counting as one value), `batchSize`
 * rows per read, each row replaced by a compare-and-set on its old envelope, so it can run beside the server,
 * be interrupted and be re-run: a second run finds nothing left to do. Values it cannot decrypt are counted and
 * left as they are.
 */
export async function rotatePii(db: Db, cipher: PiiCipher, options: { batchSize?: number; onBatch?: (counts: RotationCounts) => void } = {}): Promise<RotationCounts> {
  const batchSize = options.batchSize ?? 500;
  const counts: RotationCounts = { found: 0, reencrypted: 0, changedMeanwhile: 0, undecryptable: 0, conflicts: 0 };
  let afterId: string | null = null;
  for (;;) {
    const rows = await workerRepository.taxIdsNotUnderKey(db, cipher.currentKeyId, afterId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      counts.found++;
      let digits: string;
      try {
        digits = openTaxId(cipher, row);
      } catch (e) {
        if (!(e instanceof PiiDecryptionError)) throw e;
        counts.undecryptable++;
        continue;
      }
      try {
        const replaced = await workerRepository.replaceTaxIdCiphertext(db, row.id, row.taxIdEncrypted, sealTaxId(cipher, row, digits));
        if (replaced) counts.reencrypted++;
        else counts.changedMeanwhile++;
      } catch (e) {
        if (!isUniqueViolation(e, "workers_client_tax_id_hmac_key")) throw e;
        counts.conflicts++;
      }
    }
    afterId = rows[rows.length - 1].id;
    options.onBatch?.({ ...counts });
  }
  await rotatePaymentMethods(db, cipher, batchSize, counts, options.onBatch);
  return counts;
}

/** The bank accounts' part of `rotatePii`: both numbers of a row re-encrypted together, compare-and-set on both. */
async function rotatePaymentMethods(db: Db, cipher: PiiCipher, batchSize: number, counts: RotationCounts, onBatch?: (counts: RotationCounts) => void): Promise<void> {
  let afterId: string | null = null;
  for (;;) {
    const rows = await paymentMethodRepository.ciphertextsNotUnderKey(db, cipher.currentKeyId, afterId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      counts.found++;
      let routing: string;
      let account: string;
      try {
        routing = openRouting(cipher, row);
        account = openAccount(cipher, row);
      } catch (e) {
        if (!(e instanceof PiiDecryptionError)) throw e;
        counts.undecryptable++;
        continue;
      }
      if (await paymentMethodRepository.replaceCiphertexts(db, row.id, row, sealBankNumbers(cipher, row.id, routing, account))) counts.reencrypted++;
      else counts.changedMeanwhile++;
    }
    afterId = rows[rows.length - 1].id;
    onBatch?.({ ...counts });
  }
}
