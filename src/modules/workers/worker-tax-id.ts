import type { PiiCipher } from "../../pii/pii-cipher";

/**
 * How a worker's tax id is stored: the digits encrypted under the current PII key, bound to the worker's id (a
 * ciphertext copied onto another worker does not decrypt), and a keyed hash of (client, digits) beside it. The
 * hash includes the client: the unique key (client_id, tax_id_hmac) refuses a tax id twice in one client, while
 * the same person working for two clients cannot be linked from the database alone.
 */
export interface SealedTaxId {
  taxIdEncrypted: string;
  taxIdHmac: string;
}

const HASH_PURPOSE = "workers.tax_id";
const context = (workerId: string) => `workers.tax_id:${workerId}`;
const hashed = (clientId: string, digits: string) => `${clientId}:${digits}`;

export function sealTaxId(cipher: PiiCipher, worker: { id: string; clientId: string }, digits: string): SealedTaxId {
  return { taxIdEncrypted: cipher.encrypt(digits, context(worker.id)), taxIdHmac: cipher.hash(HASH_PURPOSE, hashed(worker.clientId, digits)) };
}

/** The stored hashes this tax id may have in this client: under the current key and under each previous one. */
export function taxIdHashCandidates(cipher: PiiCipher, clientId: string, digits: string): string[] {
  return cipher.hashCandidates(HASH_PURPOSE, hashed(clientId, digits));
}

/** The digits of a stored tax id (decrypted in memory; throws PiiDecryptionError when the key is missing or the value was altered). */
export function openTaxId(cipher: PiiCipher, worker: { id: string; taxIdEncrypted: string }): string {
  return cipher.decrypt(worker.taxIdEncrypted, context(worker.id));
}
