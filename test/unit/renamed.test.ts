import { describe, expect, it } from "vitest";
import { renamedValue, requiredRenamedValue } from "../../src/shared/renamed";

describe("an argument under its new and its deprecated name", () => {
  it("takes either name, or both when they agree (instants by time, lists as sets)", () => {
    expect(renamedValue(["workerId", "w1"], ["id", null])).toEqual({ value: "w1" });
    expect(renamedValue(["workerId", undefined], ["id", "w1"])).toEqual({ value: "w1" });
    expect(renamedValue(["workerId", "w1"], ["id", "w1"])).toEqual({ value: "w1" });
    expect(renamedValue(["occurredSince", new Date("2026-01-01T00:00:00Z")], ["updatedSince", new Date("2026-01-01T00:00:00.000Z")]).problem).toBeUndefined();
    expect(renamedValue(["eventTypes", ["a", "b"]], ["types", ["b", "a", "a"]]).problem).toBeUndefined();
    expect(renamedValue(["workerId", null], ["id", undefined])).toEqual({ value: null });
  });

  it("reports two different values at the deprecated name, and a missing required one at the new name", () => {
    expect(renamedValue(["workerId", "w1"], ["id", "w2"])).toEqual({ problem: "`workerId` and its deprecated name `id` disagree: pass only `workerId`", name: "id" });
    expect(renamedValue(["eventTypes", ["a"]], ["types", ["a", "b"]]).problem).toContain("disagree");
    expect(renamedValue(["occurredSince", new Date(0)], ["updatedSince", new Date(1)]).problem).toContain("disagree");
    expect(requiredRenamedValue(["workerId", null], ["id", null])).toEqual({ problem: "`workerId` is required (`id` is its deprecated name)", name: "workerId" });
    expect(requiredRenamedValue(["workerId", null], ["id", "w1"])).toEqual({ value: "w1" });
  });
});
