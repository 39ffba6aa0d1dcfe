import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { getMetadataStorage } from "type-graphql";
import { createSchema } from "../../src/schema";
import { Node } from "../../src/modules/node/node.type";

/**
 * src/modules/node/node.type.ts: the types of the Node interface implement it and extend nothing (a subclass's
 * constructor is never optimized under tsx's `keepNames` on Node 20), and still answer the interface's `id` field;
 * they (and Money, PageInfo) leave their plain fields without a resolver (`simpleResolvers`).
 */
describe("Node types", () => {
  it("are base classes, each with the interface's id field in the schema", async () => {
    const schema = await createSchema();
    const storage = getMetadataStorage() as unknown as { objectTypes: { name: string; target: object; interfaceClasses?: unknown[] }[] };
    const nodeTypes = storage.objectTypes.filter((type) => type.interfaceClasses?.includes(Node) && schema.getType(type.name));
    expect(nodeTypes.map((type) => type.name)).toEqual(expect.arrayContaining(["Worker", "Engagement", "Client", "Compensation", "PayrollRun"]));
    const derived = nodeTypes.filter((type) => Object.getPrototypeOf(type.target) !== Function.prototype).map((type) => type.name);
    expect(derived).toEqual([]);
    const withoutId = nodeTypes.filter((type) => {
      const fields = (schema.getType(type.name) as { getFields(): Record<string, { type: { toString(): string } }> }).getFields();
      return Object.keys(fields)[0] !== "id" || fields.id.type.toString() !== "ID!";
    });
    expect(withoutId.map((type) => type.name)).toEqual([]);
  });

  it("are simple: a plain field has no resolver, a field resolver keeps its own", async () => {
    const schema = await createSchema();
    const storage = getMetadataStorage() as unknown as { objectTypes: { name: string; interfaceClasses?: unknown[]; simpleResolvers?: boolean }[] };
    const simple = storage.objectTypes.filter((type) => (type.interfaceClasses?.includes(Node) || type.name === "Money" || type.name === "PageInfo") && schema.getType(type.name));
    expect(simple.filter((type) => type.simpleResolvers !== true).map((type) => type.name)).toEqual([]);
    const field = (type: string, name: string) => (schema.getType(type) as { getFields(): Record<string, { resolve?: unknown }> }).getFields()[name];
    for (const [type, name] of [
      ["Worker", "id"],
      ["Worker", "status"],
      ["Engagement", "title"],
      ["Client", "name"],
      ["Compensation", "effectiveFrom"],
      ["Money", "amount"],
      ["PageInfo", "hasNextPage"],
    ]) {
      expect(field(type, name).resolve, `${type}.${name}`).toBeUndefined();
    }
    expect(field("Engagement", "currentCompensation").resolve).toBeDefined(); // a field resolver
    expect(field("Worker", "email").resolve).toBeDefined(); // decrypted by its resolver
  });
});
