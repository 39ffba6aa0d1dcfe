import { describe, expect, it } from "vitest";
import { counts, msaContentDigest, otherParty, partyOf, type MsaClauseContent } from "../../src/modules/msa/acceptance";

/** The two-party acceptance rules of an MSA version, pure (src/modules/msa/acceptance.ts). */
const msa = { id: "019b8b74-0000-7000-8000-0000000000a1", title: "MSA 2026", effectiveFrom: "2026-01-01" };
const clause = (id: string, overrides: Partial<MsaClauseContent> = {}): MsaClauseContent => ({
  id: `019b8b74-0000-7000-8000-00000000000${id}`,
  category: "PAYROLL_APPROVAL",
  responsibleParty: "EOR",
  jurisdictions: [],
  title: "Payroll approval",
  text: "The EOR approves each payroll run.",
  ...overrides,
});

describe("who accepts for which party", () => {
  it("CLIENT and PARTNER callers accept for the client, OPERATOR for the EOR", () => {
    expect([partyOf("CLIENT"), partyOf("PARTNER"), partyOf("OPERATOR")]).toEqual(["CLIENT", "CLIENT", "EOR"]);
    expect([otherParty("CLIENT"), otherParty("EOR")]).toEqual(["EOR", "CLIENT"]);
  });
});

describe("msaContentDigest", () => {
  const base = msaContentDigest(msa, [clause("1"), clause("2", { category: "TERMINATION" })]);

  it("is a SHA-256 hex digest that does not depend on the order the clauses are listed in", () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(msaContentDigest(msa, [clause("2", { category: "TERMINATION" }), clause("1")])).toBe(base);
    expect(msaContentDigest(msa, [clause("1", { jurisdictions: ["US-CA", "US"] })])).toBe(msaContentDigest(msa, [clause("1", { jurisdictions: ["US", "US-CA"] })]));
  });

  it("changes with every part of the content: a clause added or removed, any clause field, the title, the date, the version", () => {
    const variants = [
      msaContentDigest(msa, [clause("1")]),
      msaContentDigest(msa, [clause("1"), clause("2", { category: "TERMINATION" }), clause("3")]),
      msaContentDigest(msa, [clause("1", { responsibleParty: "CLIENT" }), clause("2", { category: "TERMINATION" })]),
      msaContentDigest(msa, [clause("1", { jurisdictions: ["US-CA"] }), clause("2", { category: "TERMINATION" })]),
      msaContentDigest(msa, [clause("1", { title: "Payroll approval." }), clause("2", { category: "TERMINATION" })]),
      msaContentDigest(msa, [clause("1", { text: "The Client approves each payroll run." }), clause("2", { category: "TERMINATION" })]),
      msaContentDigest(msa, [clause("4"), clause("2", { category: "TERMINATION" })]),
      msaContentDigest({ ...msa, title: "MSA 2026 (amended)" }, [clause("1"), clause("2", { category: "TERMINATION" })]),
      msaContentDigest({ ...msa, effectiveFrom: "2026-02-01" }, [clause("1"), clause("2", { category: "TERMINATION" })]),
      msaContentDigest({ ...msa, id: "019b8b74-0000-7000-8000-0000000000a2" }, [clause("1"), clause("2", { category: "TERMINATION" })]),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it("cannot be forged by moving text between fields", () => {
    const a = msaContentDigest(msa, [clause("1", { title: "A", text: "B C" })]);
    const b = msaContentDigest(msa, [clause("1", { title: "A B", text: "C" })]);
    expect(a).not.toBe(b);
  });
});

describe("counts", () => {
  it("an acceptance counts only for the content it was given for", () => {
    const accepted = { at: new Date("2026-01-05T00:00:00Z"), actor: { kind: "OPERATOR" as const, id: "eor" }, digest: "d1" };
    expect(counts(accepted, "d1")).toBe(true);
    expect(counts(accepted, "d2")).toBe(false);
    expect(counts(null, "d1")).toBe(false);
  });
});
