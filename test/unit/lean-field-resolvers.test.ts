import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { graphql, type GraphQLObjectType } from "graphql";
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchema } from "type-graphql";
import { leanFieldResolvers } from "../../src/shared/lean-field-resolvers";

/**
 * src/shared/lean-field-resolvers.ts: field resolver methods called directly get the same parameters as through
 * type-graphql (the root, the context, an instance of the args class holding the given values); a field resolver
 * with a middleware keeps type-graphql's resolver.
 */
@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: "How many." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "After." })
  after?: string | null;
}

@ObjectType("LeanParent", { description: "A parent." })
class LeanParent {
  @Field(() => String, { description: "Its name." })
  name!: string;
}

const seen: unknown[] = [];

@Resolver(() => LeanParent)
class LeanParentResolver {
  @Query(() => LeanParent, { description: "The parent." })
  leanParent() {
    return Object.assign(new LeanParent(), { name: "p" });
  }

  @Query(() => String, { description: "Echoes its parameters." })
  leanEcho(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: { tag: string }) {
    seen.push(args);
    return `${ctx.tag}:${args.first ?? "-"}:${args.after ?? "-"}:${"after" in args}`;
  }

  @FieldResolver(() => String, { description: "Echoes its parameters." })
  echo(@Root() parent: LeanParent, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: { tag: string }) {
    seen.push(args);
    return `${parent.name}:${ctx.tag}:${args.first ?? "-"}:${args.after ?? "-"}:${"after" in args}`;
  }

  @UseMiddleware(async (_data, next) => `mw:${String(await next())}`)
  @FieldResolver(() => String, { description: "Has a middleware." })
  wrapped(@Root() parent: LeanParent) {
    return parent.name;
  }
}

describe("leanFieldResolvers", () => {
  it("calls field resolver methods with the same parameters, and leaves one with a middleware to type-graphql", async () => {
    const options = { resolvers: [LeanParentResolver], validate: false } as const;
    const schema = await buildSchema(options);
    const before = (schema.getType("LeanParent") as GraphQLObjectType).getFields();
    const queries = schema.getQueryType()!.getFields();
    const wrappedBefore = before.wrapped.resolve;
    const echoBefore = before.echo.resolve;
    const leanEchoBefore = queries.leanEcho.resolve;
    const leanParentBefore = queries.leanParent.resolve;

    expect(leanFieldResolvers(schema, options)).toBe(3); // echo, leanParent, leanEcho
    expect(before.echo.resolve).not.toBe(echoBefore);
    expect(queries.leanEcho.resolve).not.toBe(leanEchoBefore);
    expect(queries.leanParent.resolve).not.toBe(leanParentBefore);
    expect(before.wrapped.resolve).toBe(wrappedBefore);

    const result = await graphql({ schema, source: '{ leanParent { echo(first: 3) wrapped } leanEcho(first: 2, after: "x") }', contextValue: { tag: "ctx" } });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ leanParent: { echo: "p:ctx:3:-:false", wrapped: "mw:p" }, leanEcho: "ctx:2:x:true" });
    expect(seen.at(-2)).toBeInstanceOf(PageArgs);
    expect(seen.at(-1)).toBeInstanceOf(PageArgs);
  });

  it("replaces nothing when the build options ask type-graphql for per-call work a direct call would skip", async () => {
    const cases = [
      { validate: true },
      { validate: false, globalMiddlewares: [async (_data: unknown, next: () => Promise<unknown>) => `global:${String(await next())}`] },
      { validate: false, authChecker: () => true },
    ];
    for (const extra of cases) {
      const options = { resolvers: [LeanParentResolver], ...extra } as Parameters<typeof buildSchema>[0];
      const schema = await buildSchema(options);
      const fields = (schema.getType("LeanParent") as GraphQLObjectType).getFields();
      const echoBefore = fields.echo.resolve;
      expect(leanFieldResolvers(schema, options)).toBe(0);
      expect(fields.echo.resolve).toBe(echoBefore);
    }
  });
});
