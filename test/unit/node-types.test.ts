import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { getMetadataStorage } from "type-graphql";
import { createSchema } from "../../src/schema";
import { Node } from "../../src/modules/node/node.type";

/**
 * src/modules/node/node.type.ts: the types of the Node interface implement it and extend nothing (a subclass's
 * constructor is never optimized under tsx's `keepNames` on Node 20), and still answer the interface's `id` field.
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
});
