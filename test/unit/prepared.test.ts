import { describe, expect, it } from "vitest";
import { filterShape, keysetShape, keysetValues, tenantShape, tenantValue } from "../../src/db/prepared";

describe("shapes of prepared queries (src/db/prepared.ts)", () => {
  it("a filter's shape names its set fields, read as the builders read them (truthy), in one order", () => {
    type Filter = { clientId?: string | null; status?: string | null; updatedSince?: Date | null };
    const handled: (keyof Filter)[] = ["clientId", "status", "updatedSince"];
    const shape = (filter: Filter) => filterShape(filter, handled);
    expect(shape({ status: "ACTIVE", clientId: "c" })).toBe("clientId,status");
    expect(shape({ clientId: "c", status: "ACTIVE" })).toBe("clientId,status");
    expect(shape({ clientId: "", status: null, updatedSince: undefined })).toBe("");
    expect(shape({ updatedSince: new Date(0) })).toBe("updatedSince");
  });

  it("a set filter field the prepared query does not handle throws instead of being ignored", () => {
    expect(() => filterShape({ clientId: "c", homeJurisdiction: "US-NY" }, ["clientId"] as never[])).toThrow(/homeJurisdiction not handled/);
    expect(filterShape({ clientId: "c", homeJurisdiction: null }, ["clientId"] as never[])).toBe("clientId");
  });

  it("a page's shape is its direction and which bounds it has; its values are the bounds and limit + 1", () => {
    const request = { direction: "forward" as const, limit: 5, afterId: "a", beforeId: null };
    expect(keysetShape(request)).toBe("forward+after");
    expect(keysetShape({ ...request, direction: "backward", afterId: null, beforeId: "b" })).toBe("backward+before");
    expect(keysetValues(request)).toEqual({ afterId: "a", beforeId: null, limit: 6 });
  });

  it("the tenant shapes: an OPERATOR's all, anyone else's scoped to their clients (none for an empty list)", () => {
    expect([tenantShape({ all: true }), tenantValue({ all: true })]).toEqual(["all", []]);
    expect([tenantShape({ all: false, clientIds: ["x"] }), tenantValue({ all: false, clientIds: ["x"] })]).toEqual(["scoped", ["x"]]);
    expect([tenantShape({ all: false, clientIds: [] }), tenantValue({ all: false, clientIds: [] })]).toEqual(["scoped", []]);
  });
});
