import { registerEnumType } from "type-graphql";
import { enumObject } from "./enum-object";
import { COUNTRIES, type Country } from "./jurisdiction";

/** Countries where the EOR operates: `COUNTRIES` (also the database enum `country`'s values) as the GraphQL enum. */
export const CountryCode = enumObject(COUNTRIES);
export type CountryCode = Country;

registerEnumType(CountryCode, {
  name: "Country",
  description: "A country where the EOR operates (ISO 3166-1 alpha-2).",
  valuesConfig: {
    US: { description: "United States: EOR entity with an EIN; USD." },
    CA: { description: "Canada: EOR entity with a BN; CAD." },
  },
});
