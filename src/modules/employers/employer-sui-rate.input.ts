import { Field, ID, InputType, Int } from "type-graphql";
import { MoneyInput } from "../../shared/money";

@InputType({ description: "The state unemployment insurance rate of one US registration for one calendar year (`setEmployerSuiRate`)." })
export class SetEmployerSuiRateInput {
  @Field(() => ID, { description: "The EOR's US employer entity (`EmployerEntity.id`)." })
  employerEntityId!: string;

  @Field(() => String, { description: "The registration's state, ISO 3166-2 (`US-CA`): the entity must be registered there." })
  jurisdiction!: string;

  @Field(() => Int, { description: "The calendar year the rate applies to, 2000–2100. Setting a year again replaces that year's rate and base." })
  taxYear!: number;

  @Field(() => String, { description: 'The assigned rate, a percentage as written on the state\'s notice: `"3.4"` is 3.4%; 0 to 99.9999, at most 4 decimals.' })
  rate!: string;

  @Field(() => MoneyInput, {
    nullable: true,
    description:
      "The taxable wage base per employee for the year, USD, when the notice states one (e.g. Rhode Island's higher base at the highest rate). Required when the engine has no published base for the state and year (`EmployerSuiRate.publishedWageBase` null); null: the published base.",
  })
  wageBase?: MoneyInput | null;
}
