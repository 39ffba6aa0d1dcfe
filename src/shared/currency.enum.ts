import { registerEnumType } from "type-graphql";

export enum CurrencyCode {
  USD = "USD",
  CAD = "CAD",
}

registerEnumType(CurrencyCode, {
  name: "CurrencyCode",
  description: "ISO 4217 currency. Follows the work country: USD in the United States, CAD in Canada.",
  valuesConfig: {
    USD: { description: "United States dollar." },
    CAD: { description: "Canadian dollar." },
  },
});
