import { registerEnumType } from "type-graphql";
import { AUTHORITY_CODES, authorityByCode } from "./authorities";

/** `US-CA-EDD` → `US_CA_EDD`: an authority code as a GraphQL enum name (hyphens are not allowed there). */
export const taxAuthorityEnumName = (code: string) => code.replace(/-/g, "_");

/**
 * `TaxAuthority`: the authority codes of authorities.ts as a GraphQL enum. Internal values are the codes stored as
 * the remittance's payee key (`US-CA-EDD`); the enum names replace hyphens with underscores (`US_CA_EDD`).
 */
export const TaxAuthority = Object.freeze(Object.fromEntries(AUTHORITY_CODES.map((code) => [taxAuthorityEnumName(code), code]))) as Readonly<Record<string, string>>;

registerEnumType(TaxAuthority, {
  name: "TaxAuthority",
  description:
    "The tax authority a TAX remittance is paid to. Every value's description gives the code as `Remittance.authority` shows it (the enum name with hyphens) and the authority's name.",
  valuesConfig: Object.fromEntries(AUTHORITY_CODES.map((code) => [taxAuthorityEnumName(code), { description: `\`${code}\`: ${authorityByCode(code).name}.` }])),
});
