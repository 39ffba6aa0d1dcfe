import { describe, expect, it } from "vitest";
import { resolveResponsibilities, resolveResponsibility, specificity, type ClauseForResolution } from "../../src/modules/msa/responsibility";

// Pure rule, no database: ids are compared as strings, like UUIDv7 (time-ordered) ids.
let seq = 0;
function clause(category: string, responsibleParty: string, jurisdictions: string[] = []): ClauseForResolution {
  seq++;
  return { id: `0000000${seq}`.slice(-8), category, responsibleParty, jurisdictions };
}

describe("specificity", () => {
  it("ranks subdivision over country over every jurisdiction, and refuses others", () => {
    expect(specificity(["US-CA"], "US-CA")).toEqual({ level: 2, matched: "US-CA" });
    expect(specificity(["US"], "US-CA")).toEqual({ level: 1, matched: "US" });
    expect(specificity([], "US-CA")).toEqual({ level: 0, matched: null });
    expect(specificity(["US-TX"], "US-CA")).toBeNull();
    expect(specificity(["CA"], "US-CA")).toBeNull();
    expect(specificity(["CA-ON", "US"], "CA-ON")).toEqual({ level: 2, matched: "CA-ON" });
  });

  it("counts a clause listing both the country and the subdivision at its most specific match", () => {
    expect(specificity(["US", "US-CA"], "US-CA")).toEqual({ level: 2, matched: "US-CA" });
    expect(specificity(["US", "US-CA"], "US-NY")).toEqual({ level: 1, matched: "US" });
  });
});

describe("resolveResponsibility", () => {
  it("is silent (null party, no clause) when no clause applies or there are no clauses", () => {
    expect(resolveResponsibility([], "US-CA", "TERMINATION")).toEqual({
      category: "TERMINATION",
      responsibleParty: null,
      clause: null,
      matchedJurisdiction: null,
      conflicting: [],
    });
    const other = [clause("TERMINATION", "EOR", ["CA"]), clause("PAYROLL_PROCESSING", "EOR")];
    expect(resolveResponsibility(other, "US-CA", "TERMINATION").responsibleParty).toBeNull();
  });

  it("applies a clause for every jurisdiction when nothing more specific exists", () => {
    const all = clause("PAYROLL_PROCESSING", "EOR");
    const r = resolveResponsibility([all], "CA-QC", "PAYROLL_PROCESSING");
    expect(r).toMatchObject({ responsibleParty: "EOR", clause: all, matchedJurisdiction: null, conflicting: [] });
  });

  it("prefers the country over every jurisdiction and the subdivision over the country, whatever the order", () => {
    const sub = clause("TAX_REMITTANCE", "SHARED", ["US-CA"]);
    const country = clause("TAX_REMITTANCE", "CLIENT", ["US"]);
    const all = clause("TAX_REMITTANCE", "EOR");
    expect(resolveResponsibility([sub, country, all], "US-CA", "TAX_REMITTANCE")).toMatchObject({
      responsibleParty: "SHARED",
      clause: sub,
      matchedJurisdiction: "US-CA",
      conflicting: [],
    });
    expect(resolveResponsibility([sub, country, all], "US-TX", "TAX_REMITTANCE")).toMatchObject({
      responsibleParty: "CLIENT",
      clause: country,
      matchedJurisdiction: "US",
    });
    expect(resolveResponsibility([sub, country, all], "CA-ON", "TAX_REMITTANCE")).toMatchObject({
      responsibleParty: "EOR",
      clause: all,
      matchedJurisdiction: null,
    });
  });

  it("lets the clause added last win among equally specific ones and reports the disagreeing ones", () => {
    const first = clause("TERMINATION", "EOR", ["US"]);
    const agreeing = clause("TERMINATION", "CLIENT", ["US"]);
    const last = clause("TERMINATION", "CLIENT", ["US", "CA"]);
    const lessSpecific = clause("TERMINATION", "SHARED");
    // Input order does not matter: the greatest (latest) id wins.
    const r = resolveResponsibility([last, lessSpecific, first, agreeing], "US-NY", "TERMINATION");
    expect(r.responsibleParty).toBe("CLIENT");
    expect(r.clause).toBe(last);
    expect(r.matchedJurisdiction).toBe("US");
    // `agreeing` names the same party: not a conflict; the less specific clause never conflicts.
    expect(r.conflicting).toEqual([first]);
  });

  it("reports no conflict when equally specific clauses agree", () => {
    const a = clause("WORKPLACE_SAFETY", "CLIENT");
    const b = clause("WORKPLACE_SAFETY", "CLIENT");
    const r = resolveResponsibility([a, b], "US-WA", "WORKPLACE_SAFETY");
    expect(r).toMatchObject({ responsibleParty: "CLIENT", clause: b, conflicting: [] });
  });

  it("ignores clauses of other categories", () => {
    const payroll = clause("PAYROLL_PROCESSING", "EOR", ["US-CA"]);
    const benefits = clause("BENEFITS_ADMINISTRATION", "CLIENT");
    expect(resolveResponsibility([payroll, benefits], "US-CA", "BENEFITS_ADMINISTRATION")).toMatchObject({
      responsibleParty: "CLIENT",
      clause: benefits,
    });
  });
});

describe("resolveResponsibilities", () => {
  it("answers every asked category, in the order asked", () => {
    const clauses = [clause("PAYROLL_PROCESSING", "EOR"), clause("DAY_TO_DAY_SUPERVISION", "CLIENT", ["CA"])];
    const r = resolveResponsibilities(clauses, "CA-BC", ["DAY_TO_DAY_SUPERVISION", "TERMINATION", "PAYROLL_PROCESSING"]);
    expect(r.map((x) => [x.category, x.responsibleParty, x.matchedJurisdiction])).toEqual([
      ["DAY_TO_DAY_SUPERVISION", "CLIENT", "CA"],
      ["TERMINATION", null, null],
      ["PAYROLL_PROCESSING", "EOR", null],
    ]);
  });
});
