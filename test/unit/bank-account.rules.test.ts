import { describe, expect, it } from "vitest";
import {
  abaChecksumValid,
  abaRoutingProblem,
  canadianAccountProblem,
  canadianElectronicRouting,
  institutionNumberProblem,
  last4,
  normalizeDigits,
  transitNumberProblem,
  usAccountProblem,
} from "../../src/modules/payment-methods/bank-account.rules";

/**
 * Bank account rules (src/modules/payment-methods/README.md cites each): the ABA routing number's 3-7-1 check digit
 * and Federal Reserve routing symbols; Payments Canada's institution (3 digits) and transit (5 digits) numbers.
 */
describe("ABA routing numbers", () => {
  it("accepts published routing numbers whose 3-7-1 weighted sum is a multiple of 10", () => {
    // 021000021 JPMorgan Chase NY: 0·3+2·7+1·1+0·3+0·7+0·1+0·3+2·7+1·1 = 30.
    for (const valid of ["021000021", "011000015", "121000358", "026009593", "111000025"]) {
      expect(abaChecksumValid(valid), valid).toBe(true);
      expect(abaRoutingProblem(valid), valid).toBeNull();
    }
  });

  it("refuses a wrong check digit, and a transposition of two digits", () => {
    expect(abaChecksumValid("021000022")).toBe(false);
    expect(abaRoutingProblem("021000022")).toContain("check digit");
    expect(abaChecksumValid("120000021")).toBe(false); // 02… swapped to 20…: the weights 3 and 7 catch it
    expect(abaRoutingProblem("201000021")).toContain("01–12");
  });

  it("refuses routing symbols that cannot receive a direct deposit (00 government, 80 traveler's cheques, 13–20, 33–60, 73–99)", () => {
    // 000000000 passes the checksum (sum 0) but 00 is not a depository routing symbol.
    expect(abaChecksumValid("000000000")).toBe(true);
    expect(abaRoutingProblem("000000000")).toContain("01–12");
    for (const prefix of ["13", "20", "33", "60", "73", "80", "99"]) expect(abaRoutingProblem(`${prefix}0000000`), prefix).not.toBeNull();
    // Thrift (21–32) and electronic (61–72) symbols are accepted when the check digit holds.
    expect(abaRoutingProblem("211070175")).toBeNull(); // 3·(2+0+1)+7·(1+7+7)+(1+0+5) = 9+105+6 = 120
    expect(abaRoutingProblem("611000015")).not.toContain("01–12");
  });

  it("is 9 digits exactly", () => {
    for (const bad of ["02100002", "0210000210", "02100002a", ""]) expect(abaRoutingProblem(bad), bad).toBe("An ABA routing number is 9 digits");
  });

  it("US account numbers are 4 to 17 digits (Nacha DFI account number: 17 characters)", () => {
    expect(usAccountProblem("1234")).toBeNull();
    expect(usAccountProblem("12345678901234567")).toBeNull();
    expect(usAccountProblem("123")).not.toBeNull();
    expect(usAccountProblem("123456789012345678")).not.toBeNull();
    expect(usAccountProblem("12 34")).not.toBeNull(); // normalizeDigits runs first in the service
  });
});

describe("Canadian routing", () => {
  it("is a 3-digit institution number and a 5-digit transit number; electronic form 0 + institution + transit", () => {
    expect(institutionNumberProblem("003")).toBeNull();
    expect(transitNumberProblem("00012")).toBeNull();
    expect(canadianElectronicRouting("003", "00012")).toBe("000300012");
    expect(institutionNumberProblem("03")).toContain("3 digits");
    expect(institutionNumberProblem("0003")).toContain("3 digits");
    expect(institutionNumberProblem("000")).not.toBeNull();
    expect(transitNumberProblem("1234")).toContain("5 digits");
    expect(transitNumberProblem("123456")).toContain("5 digits");
    expect(transitNumberProblem("00000")).not.toBeNull();
    expect(transitNumberProblem("12a45")).not.toBeNull();
  });

  it("account numbers are 7 to 12 digits", () => {
    expect(canadianAccountProblem("1234567")).toBeNull();
    expect(canadianAccountProblem("123456789012")).toBeNull();
    expect(canadianAccountProblem("123456")).not.toBeNull();
    expect(canadianAccountProblem("1234567890123")).not.toBeNull();
  });
});

describe("input normalisation and display", () => {
  it("drops spaces and hyphens people type between groups, and shows only the last four digits", () => {
    expect(normalizeDigits(" 0210-0002 1 ")).toBe("021000021");
    expect(normalizeDigits("12.34")).toBe("12.34"); // other characters stay, and are refused
    expect(last4("000123456789")).toBe("6789");
  });
});
