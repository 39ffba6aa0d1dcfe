import { describe, expect, it } from "vitest";
import { isEnumType } from "graphql";
import { createSchema } from "../../src/schema";
import { STATEMENT_LINE_CODES } from "../../src/modules/payroll/engine/line-codes";
import { AUTHORITY_CODES, authorityByCode, authorityForLine } from "../../src/modules/remittances/authorities";
import { EVENT_TYPES } from "../../src/modules/events/event-types";
import { ENGINE_BLOCKER_CODES } from "../../src/modules/payroll/engine/types";
import { RUN_BLOCKER_CODES } from "../../src/modules/payroll/payroll-statements.compute";

/** The closed code sets of the schema (README "Versioning"): each enum holds exactly the values the code produces. */
async function enumValues(name: string): Promise<Map<string, unknown>> {
  const type = (await createSchema()).getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
  return new Map(type.getValues().map((v) => [v.name, v.value]));
}

describe("code enums", () => {
  it("TaxAuthority: every tax line is remitted to an authority of the enum, and every value is an authority", async () => {
    const values = await enumValues("TaxAuthority");
    expect([...values.values()].sort()).toEqual([...AUTHORITY_CODES].sort());
    for (const [name, code] of values) {
      expect(name).toBe(String(code).replace(/-/g, "_"));
      expect(authorityByCode(String(code)).code).toBe(code);
    }
    const taxLines = STATEMENT_LINE_CODES.filter((c) => c.kind === "EMPLOYEE_TAX" || c.kind === "EMPLOYER_TAX");
    for (const line of taxLines) expect(AUTHORITY_CODES, line.code).toContain(authorityForLine(line.code)?.code);
  });

  it("EventType: one value per recorded event type, the dotted name as its internal value", async () => {
    const values = await enumValues("EventType");
    expect([...values.values()].sort()).toEqual([...EVENT_TYPES].sort());
    expect(values.get("PAYROLL_RUN_STATUS_CHANGED")).toBe("payrollRun.statusChanged");
    expect(values.get("MSA_CLAUSE_ADDED")).toBe("msa_clause.added");
  });

  it("PayrollBlockerCode: the engine's codes and the run calculation's", async () => {
    const values = await enumValues("PayrollBlockerCode");
    expect([...values.keys()].sort()).toEqual([...ENGINE_BLOCKER_CODES, ...Object.values(RUN_BLOCKER_CODES)].sort());
  });
});
