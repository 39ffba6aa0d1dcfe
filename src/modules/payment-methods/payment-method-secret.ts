import type { PiiCipher } from "../../pii/pii-cipher";

/**
 * How a bank account's numbers are stored: each encrypted under the current PII key and bound to the payment
 * method's id and to its column (a ciphertext copied onto another row, or from the routing column to the account
 * column, does not decrypt). No keyed hash: nothing looks accounts up by number.
 */
export interface SealedBankNumbers {
  routingEncrypted: string;
  accountEncrypted: string;
}

const routingContext = (id: string) => `payment_methods.routing:${id}`;
const accountContext = (id: string) => `payment_methods.account:${id}`;

export function sealBankNumbers(cipher: PiiCipher, paymentMethodId: string, routing: string, account: string): SealedBankNumbers {
  return { routingEncrypted: cipher.encrypt(routing, routingContext(paymentMethodId)), accountEncrypted: cipher.encrypt(account, accountContext(paymentMethodId)) };
}

/** The digits of a stored routing (US ABA; Canada institution + transit) number, decrypted in memory. Throws PiiDecryptionError. */
export function openRouting(cipher: PiiCipher, row: { id: string; routingEncrypted: string }): string {
  return cipher.decrypt(row.routingEncrypted, routingContext(row.id));
}

/** The digits of a stored account number, decrypted in memory. Throws PiiDecryptionError. */
export function openAccount(cipher: PiiCipher, row: { id: string; accountEncrypted: string }): string {
  return cipher.decrypt(row.accountEncrypted, accountContext(row.id));
}
