import { registerEnumType } from "type-graphql";

/** Countries where the EOR operates. Mirrors the database enum `country`. */
export enum CountryCode {
  US = "US",
  CA = "CA",
}

registerEnumType(CountryCode, {
  name: "Country",
  description: "A country where the EOR operates (ISO 3166-1 alpha-2).",
  valuesConfig: {
    US: { description: "United States: EOR entity with an EIN; USD." },
    CA: { description: "Canada: EOR entity with a BN; CAD." },
  },
});
