/**
 * Bank account numbers as data rules (pure, unit-tested in test/unit/bank-account.rules.test.ts; sources in this
 * module's README.md):
 *
 * - US: an ABA routing transit number is 9 digits whose weighted sum with weights 3, 7, 1 (repeated) is a multiple
 *   of 10 (the check digit is the ninth), and whose first two digits are a Federal Reserve routing symbol: 01–12
 *   (banks), 21–32 (thrift institutions), 61–72 (electronic transactions). 00 (US government) and 80 (traveler's
 *   cheques) cannot receive a direct deposit. The account number (Nacha "DFI Account Number") is at most 17
 *   characters; we accept 4 to 17 digits.
 * - Canada: a Payments Canada routing number is a 3-digit financial institution number and a 5-digit branch
 *   transit number (electronic form `0` + institution + transit). Neither has a check digit: the rule is their
 *   length, digits only, and not all zeros. Account numbers are 7 to 12 digits.
 */
export type BankCountry = "US" | "CA";

/** Digits only: spaces and hyphens that people type between groups are removed; anything else is kept (and refused). */
export function normalizeDigits(value: string): string {
  return value.replace(/[\s-]/g, "");
}

const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];
/** First two digits of an ABA routing number that a direct deposit may go to (Federal Reserve routing symbols). */
const ABA_DEPOSIT_PREFIXES = [
  [1, 12],
  [21, 32],
  [61, 72],
] as const;

/** True when the 9-digit ABA number's weighted sum (3, 7, 1, …) is a multiple of 10. */
export function abaChecksumValid(routingNumber: string): boolean {
  if (!/^\d{9}$/.test(routingNumber)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(routingNumber[i]) * ABA_WEIGHTS[i];
  return sum % 10 === 0;
}

/** Why an ABA routing number is refused, or null when it is valid for a direct deposit. */
export function abaRoutingProblem(routingNumber: string): string | null {
  if (!/^\d{9}$/.test(routingNumber)) return "An ABA routing number is 9 digits";
  const prefix = Number(routingNumber.slice(0, 2));
  if (!ABA_DEPOSIT_PREFIXES.some(([from, to]) => prefix >= from && prefix <= to)) {
    return "An ABA routing number for a direct deposit starts with 01–12, 21–32 or 61–72";
  }
  if (!abaChecksumValid(routingNumber)) return "The ABA routing number's check digit does not match (a digit is wrong or two are swapped)";
  return null;
}

/** Why a US account number is refused, or null. */
export function usAccountProblem(accountNumber: string): string | null {
  return /^\d{4,17}$/.test(accountNumber) ? null : "A US bank account number is 4 to 17 digits";
}

/** Why a Canadian institution number (3 digits) is refused, or null. */
export function institutionNumberProblem(institution: string): string | null {
  if (!/^\d{3}$/.test(institution)) return "A Canadian financial institution number is 3 digits";
  return institution === "000" ? "000 is not a financial institution number" : null;
}

/** Why a Canadian branch transit number (5 digits) is refused, or null. */
export function transitNumberProblem(transit: string): string | null {
  if (!/^\d{5}$/.test(transit)) return "A Canadian branch transit number is 5 digits";
  return transit === "00000" ? "00000 is not a branch transit number" : null;
}

/** Why a Canadian account number is refused, or null. */
export function canadianAccountProblem(accountNumber: string): string | null {
  return /^\d{7,12}$/.test(accountNumber) ? null : "A Canadian bank account number is 7 to 12 digits";
}

/** The 9-digit electronic routing number of a Canadian branch: `0` + institution + transit (Payments Canada). */
export function canadianElectronicRouting(institution: string, transit: string): string {
  return `0${institution}${transit}`;
}

/** The last four characters of a number (what the graph shows of it). */
export function last4(digits: string): string {
  return digits.slice(-4);
}
