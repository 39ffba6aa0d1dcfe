import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { EstimatePaycheckInput } from "./estimate.input";
import { EstimateService } from "./estimate.service";
import { PaycheckEstimate } from "./estimate.type";

@Resolver()
export class EstimateResolver {
  @Query(() => PaycheckEstimate, {
    description:
      "Gross to net for one hypothetical paycheck, computed by the payroll engine (the one that calculates payroll runs), nothing stored: for an ATS showing a candidate's take-home pay. Input mistakes (unsupported jurisdiction, a classification, currency or election of the other country, a bad amount or date) are BAD_USER_INPUT errors listing every problem in `extensions.problems`; what the engine does not compute (a state without tables, a tax year without tables such as Quebec income tax in 2025, a missing W-4) comes back in `blockers`. Needs `payroll:read`.",
  })
  estimatePaycheck(@Arg("input", () => EstimatePaycheckInput, { description: "The paycheck to estimate." }) input: EstimatePaycheckInput, @Ctx() ctx: Context) {
    return new EstimateService(ctx).estimate(input);
  }
}
