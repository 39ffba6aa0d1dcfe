import { readFileSync } from "node:fs";
import { buildSchema, isInputObjectType, isObjectType, type GraphQLInputObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { checkCertificate, checkCertificates, type CertificateForm } from "../../src/modules/payroll/engine/certificates";
import { allCertificateForms, certificatesFor } from "../../src/modules/payroll/engine/certificates-registry";
import { DE4_FORM } from "../../src/modules/payroll/engine/us/states/california";
import { applyCertificatesPatch, openCertificates, readCertificatesInput, sealCertificates } from "../../src/modules/workers/worker-certificates";
import { UserErrors } from "../../src/shared/user-error";
import { PiiCipher, PiiDecryptionError } from "../../src/pii/pii-cipher";
import { run, line, blockerCodes, cents } from "../support/engine-us";

/** A form with every field kind (the real forms have no CODE or BOOLEAN field yet). */
const SAMPLE: CertificateForm = {
  key: "sample",
  title: "SAMPLE-1",
  jurisdictions: ["US-ZZ"],
  description: "A test form.",
  fields: [
    { name: "status", type: { kind: "ENUM", values: ["A", "B"] }, required: true, description: "line 1" },
    { name: "allowances", type: { kind: "COUNT", max: 20 }, description: "line 2" },
    { name: "extra", type: { kind: "MONEY" }, description: "line 3" },
    { name: "resident", type: { kind: "BOOLEAN" }, description: "line 4" },
    { name: "county", type: { kind: "CODE", values: ["001", "003", "005"] }, description: "line 5" },
  ],
};
const codes = (values: unknown) => checkCertificate(SAMPLE, values).map((p) => [p.code, p.field ?? null]);

describe("certificate validator (engine/certificates.ts)", () => {
  it("accepts a complete certificate and one with only the required field", () => {
    expect(checkCertificate(SAMPLE, { status: "A", allowances: 3, extra: 2500, resident: true, county: "003" })).toEqual([]);
    expect(checkCertificate(SAMPLE, { status: "B" })).toEqual([]);
  });

  it("refuses an unknown field, a wrong type, a negative count or amount, a count over its max, a code or value not in the list, a missing required field", () => {
    expect(codes({ status: "A", dependents: 2 })).toEqual([["UNKNOWN_FIELD", "dependents"]]);
    expect(codes({ status: "A", allowances: "3" })).toEqual([["WRONG_TYPE", "allowances"]]);
    expect(codes({ status: "A", allowances: 1.5 })).toEqual([["WRONG_TYPE", "allowances"]]);
    expect(codes({ status: "A", allowances: -1 })).toEqual([["NEGATIVE", "allowances"]]);
    expect(codes({ status: "A", allowances: 21 })).toEqual([["TOO_LARGE", "allowances"]]);
    expect(codes({ status: "A", extra: -100 })).toEqual([["NEGATIVE", "extra"]]);
    expect(codes({ status: "A", extra: 10.5 })).toEqual([["WRONG_TYPE", "extra"]]);
    expect(codes({ status: "A", resident: "yes" })).toEqual([["WRONG_TYPE", "resident"]]);
    expect(codes({ status: "A", county: "002" })).toEqual([["NOT_IN_LIST", "county"]]);
    expect(codes({ status: "C" })).toEqual([["NOT_IN_LIST", "status"]]);
    expect(codes({ allowances: 1 })).toEqual([["REQUIRED", "status"]]);
    expect(codes([1])).toEqual([["NOT_AN_OBJECT", null]]);
  });

  it("refuses an unknown form key among the certificates", () => {
    expect(checkCertificates({ sample: { status: "A" }, w5: {} }, [SAMPLE]).map((p) => [p.code, p.form])).toEqual([["UNKNOWN_FORM", "w5"]]);
    expect(checkCertificates(undefined, [SAMPLE])).toEqual([]);
  });
});

describe("the registry and the engines", () => {
  it("collects the state modules' forms (DE 4, IL-W-4) with unique keys", () => {
    const keys = allCertificateForms().map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["de4", "ilW4"]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("an invalid certificate is an INVALID_INPUT blocker, whichever state it is for; nothing is computed", () => {
    const negative = run({ jurisdiction: "US-CA", gross: cents("950"), certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: -3 } } });
    expect(blockerCodes(negative)).toEqual(["INVALID_INPUT"]);
    expect(negative.blockers[0].message).toMatch(/de4\.regularAllowances must not be negative/);
    expect(negative.lines).toEqual([]);
    const unknown = run({ jurisdiction: "US-CA", gross: cents("950"), certificates: { w5: { allowances: 1 } } });
    expect(blockerCodes(unknown)).toEqual(["INVALID_INPUT"]);
  });

  it("only the work state's form is read: an IL-W-4 on file changes nothing in California (EDD Method B Example D: $1.69)", () => {
    const de4 = { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 };
    const withIl = run({ jurisdiction: "US-CA", gross: cents("950"), certificates: { de4, ilW4: { basicAllowances: 5 } } });
    expect(line(withIl, "US_CA_SIT")).toBe(cents("1.69"));
    expect(certificatesFor("US-CA", { de4, ilW4: { basicAllowances: 5 } })).toEqual({ de4 });
    expect(certificatesFor("US-TX", { de4 })).toBeUndefined();
  });
});

describe("graph input of certificates (worker-certificates.ts)", () => {
  const path = ["withholding", "certificates"];
  const usd = (amount: string) => ({ amount, currency: "USD" as never });

  it("reads MoneyInput into cents and keeps the given fields", () => {
    const errors = new UserErrors();
    const patch = readCertificatesInput(errors, path, { de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 2, extraWithholding: usd("12.50") }, ilW4: null });
    expect(errors.list).toEqual([]);
    expect(patch).toEqual({ de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: 2, extraWithholding: 1250 }, ilW4: null });
  });

  it("userErrors at [input, withholding, certificates, <form>, <field>]: negative count, amount in the other country's currency", () => {
    const errors = new UserErrors();
    const patch = readCertificatesInput(errors, path, {
      de4: { filingStatus: "MARRIED_ONE_INCOME", regularAllowances: -1 },
      ilW4: { extraWithholding: { amount: "5.00", currency: "CAD" as never } },
    });
    expect(errors.list.map((e) => [e.field, e.code])).toEqual([
      [["input", "withholding", "certificates", "de4", "regularAllowances"], "INVALID_INPUT"],
      [["input", "withholding", "certificates", "ilW4", "extraWithholding", "currency"], "CURRENCY_MISMATCH"],
    ]);
    expect(patch).toEqual({});
  });

  it("an estimate refuses a form of the other country", () => {
    const errors = new UserErrors();
    readCertificatesInput(errors, ["certificates"], { de4: { filingStatus: "HEAD_OF_HOUSEHOLD" } }, "CA");
    expect(errors.list.map((e) => e.field)).toEqual([["input", "certificates", "de4"]]);
  });

  it("an update replaces a given form whole, removes a null one, keeps the others", () => {
    const current = { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 }, ilW4: { basicAllowances: 1 } };
    expect(applyCertificatesPatch(current, { de4: { filingStatus: "MARRIED_ONE_INCOME" } })).toEqual({ de4: { filingStatus: "MARRIED_ONE_INCOME" }, ilW4: { basicAllowances: 1 } });
    expect(applyCertificatesPatch(current, { ilW4: null })).toEqual({ de4: current.de4 });
  });

  it("seals certificates bound to the worker (another worker's id does not decrypt); none on file is null", () => {
    const cipher = new PiiCipher(Buffer.alloc(32, 7));
    const sealed = sealCertificates(cipher, "worker-1", { de4: { filingStatus: "HEAD_OF_HOUSEHOLD" } })!;
    expect(sealed).not.toContain("HEAD_OF_HOUSEHOLD");
    expect(openCertificates(cipher, "worker-1", sealed)).toEqual({ de4: { filingStatus: "HEAD_OF_HOUSEHOLD" } });
    expect(() => openCertificates(cipher, "worker-2", sealed)).toThrow(PiiDecryptionError);
    expect(sealCertificates(cipher, "worker-1", {})).toBeNull();
    expect(openCertificates(cipher, "worker-1", null)).toEqual({});
  });
});

describe("generated GraphQL types (schema/schema.graphql, kept current by schema:check)", () => {
  const schema = buildSchema(readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8"));
  const input = (name: string) => {
    const type = schema.getType(name);
    expect(isInputObjectType(type), name).toBe(true);
    return type as GraphQLInputObjectType;
  };

  it("one typed input and object type per form, gathered in WithholdingCertificatesInput / WithholdingCertificates", () => {
    const forms = allCertificateForms();
    expect(Object.keys(input("WithholdingCertificatesInput").getFields()).sort()).toEqual(forms.map((f) => f.key).sort());
    const output = schema.getType("WithholdingCertificates");
    expect(isObjectType(output) && Object.keys(output.getFields()).sort()).toEqual(forms.map((f) => f.key).sort());
    for (const form of forms) {
      const name = `${form.key.charAt(0).toUpperCase()}${form.key.slice(1)}CertificateInput`;
      expect(Object.keys(input(name).getFields()).sort()).toEqual(form.fields.map((f) => f.name).sort());
    }
  });

  it("DE 4: an enum for the filing status (required), Int allowances, MoneyInput extra withholding", () => {
    const fields = input("De4CertificateInput").getFields();
    expect(String(fields.filingStatus.type)).toBe("De4FilingStatus!");
    expect(String(fields.regularAllowances.type)).toBe("Int");
    expect(String(fields.extraWithholding.type)).toBe("MoneyInput");
    expect(String(input("WithholdingInput").getFields().certificates.type)).toBe("WithholdingCertificatesInput");
    expect(String(input("EstimatePaycheckInput").getFields().certificates.type)).toBe("WithholdingCertificatesInput");
    expect(DE4_FORM.fields.find((f) => f.name === "filingStatus")!.required).toBe(true);
  });
});
