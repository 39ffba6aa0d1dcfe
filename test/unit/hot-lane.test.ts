import { describe, expect, it, vi } from "vitest";
import type { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { buildSchema } from "graphql";
import { hotLane } from "../../src/graphql-hot-lane";
import type { CompiledExecution } from "../../src/compiled-execution";
import type { Context } from "../../src/context";
import type { Logger } from "../../src/logger";

/** The hot lane runs only while Apollo runs exactly the plugins the server gave it, in the same order. */
describe("hotLane", () => {
  const ours: ApolloServerPlugin<Context>[] = [{ requestDidStart: async () => ({}) }, {}];
  const make = (installed: unknown[] | undefined) => {
    const warn = vi.fn();
    const lane = hotLane({
      apollo: { internals: installed && { plugins: installed } } as unknown as ApolloServer<Context>,
      plugins: ours,
      compiled: {} as CompiledExecution,
      schema: buildSchema("type Query { a: Int }"),
      formatError: (formatted) => formatted,
      logger: { warn } as unknown as Logger,
    });
    return { lane, warn };
  };

  it("is on when Apollo runs the given plugins", () => {
    const { lane, warn } = make([...ours]);
    expect(lane).toBeTypeOf("function");
    expect(warn).not.toHaveBeenCalled();
  });

  it("is off, with a warning, when Apollo installed another plugin, runs them in another order, or cannot be read", () => {
    for (const installed of [[...ours, { requestDidStart: async () => ({}) }], [...ours].reverse(), undefined]) {
      const { lane, warn } = make(installed);
      expect(lane).toBeNull();
      expect(warn).toHaveBeenCalledOnce();
    }
  });
});
