import { describe, expect, it } from "vitest";
import { isEnumType, type GraphQLSchema } from "graphql";
import { isPgEnum } from "drizzle-orm/pg-core";
import * as dbEnums from "../../src/db/enums";
import { createSchema } from "../../src/schema";

/**
 * Every database enum has a GraphQL enum of the same meaning with exactly the same values (as GraphQL names and
 * as the values resolvers receive and the database stores): a value added on one side only would either be
 * refused by Postgres or be unreadable through the graph. Named by the enum's PascalCase name unless listed.
 */
const GRAPHQL_NAME_OF: Record<string, string> = { w4_filing_status: "FilingStatus" };

const pascalCase = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const pgEnums = Object.values(dbEnums).filter(isPgEnum);

let schema: GraphQLSchema;
const graphqlEnum = async (pgName: string) => {
  schema ??= await createSchema();
  const type = schema.getType(GRAPHQL_NAME_OF[pgName] ?? pascalCase(pgName));
  return isEnumType(type) ? type : null;
};

describe("database enums and GraphQL enums", () => {
  it("finds every pgEnum of src/db/enums.ts", () => {
    expect(pgEnums.map((e) => e.enumName)).toContain("payroll_run_status");
    expect(pgEnums.length).toBe(Object.keys(dbEnums).length);
  });

  it.each(pgEnums.map((e) => [e.enumName, e.enumValues] as const))("%s has a GraphQL enum with exactly its values", async (pgName, values) => {
    const type = await graphqlEnum(pgName);
    expect(type, `no GraphQL enum ${GRAPHQL_NAME_OF[pgName] ?? pascalCase(pgName)} for ${pgName}`).not.toBeNull();
    const graphqlValues = type!.getValues();
    expect(graphqlValues.map((v) => v.name).sort()).toEqual([...values].sort());
    expect(graphqlValues.map((v) => v.value as string).sort()).toEqual([...values].sort());
  });

  it("names the GraphQL enum by the pgEnum's name", () => {
    expect(pascalCase("payroll_run_status")).toBe("PayrollRunStatus");
    expect(pascalCase("w4_filing_status")).toBe("W4FilingStatus");
  });
});
