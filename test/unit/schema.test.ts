import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from "graphql";
import { createSchema, printSortedSchema } from "../../src/schema";

/** Every place of the schema that lacks a description: the schema is the integrators' manual. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const has = (d: string | null | undefined) => typeof d === "string" && d.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
    if (!has(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!has(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!has(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!has(field.description)) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!has(value.description)) missing.push(`${type.name}.${value.name}`);
    }
    if (isUnionType(type) && !has(type.description)) missing.push(type.name);
  }
  return missing;
}

describe("schema", () => {
  it("describes every type, field, argument, input field and enum value", async () => {
    expect(undescribed(await createSchema())).toEqual([]);
  });

  it("matches the committed schema/schema.graphql", async () => {
    const committed = readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });
});
