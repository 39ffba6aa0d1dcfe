/**
 * ISO 3166-2 subdivisions where the EOR operates: the 50 US states and DC, the 10 Canadian provinces and
 * 3 territories. Anything else is refused with a clear error.
 */
export const US_SUBDIVISIONS = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;
export const CA_SUBDIVISIONS = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"] as const;

/** Countries where the EOR operates: the `country` database enum and the `Country` GraphQL enum. */
export const COUNTRIES = ["US", "CA"] as const;
export type Country = (typeof COUNTRIES)[number];
export type Currency = "USD" | "CAD";

const SUBDIVISIONS = new Set<string>([...US_SUBDIVISIONS.map((s) => `US-${s}`), ...CA_SUBDIVISIONS.map((s) => `CA-${s}`)]);

/** True for a supported ISO 3166-2 subdivision code such as `US-CA` or `CA-ON`. */
export function isSubdivision(code: string): boolean {
  return SUBDIVISIONS.has(code);
}

/** True for a country (`US`, `CA`) or a supported subdivision. */
export function isJurisdiction(code: string): boolean {
  return code === "US" || code === "CA" || SUBDIVISIONS.has(code);
}

export function countryOf(code: string): Country {
  return code.slice(0, 2) as Country;
}

export function currencyOf(country: Country): Currency {
  return country === "US" ? "USD" : "CAD";
}

/** Does a clause/entity jurisdiction (`US` or `US-CA`) cover a work jurisdiction (`US-CA`)? */
export function covers(scope: string, subdivision: string): boolean {
  return scope === subdivision || scope === countryOf(subdivision);
}
