/**
 * Work localities: a place finer than the state whose own labor standards apply on top of the state's (a local
 * minimum wage; New York's regional rate and exempt salary). An engagement names one with `workLocality`; without
 * it, only the federal and state (or provincial) rules are enforced. Toronto, Montréal, Vancouver… have no local
 * minimum: Canadian engagements never need one.
 */
export interface WorkLocality {
  /** `<ISO 3166-2 of the state>-<place>`, e.g. `US-CA-SF`. */
  code: string;
  /** The state it lies in (the engagement's `workJurisdiction` must be this). */
  jurisdiction: string;
  name: string;
}

export const WORK_LOCALITIES: readonly WorkLocality[] = [
  { code: "US-CA-SF", jurisdiction: "US-CA", name: "San Francisco (city and county)" },
  { code: "US-CA-LA", jurisdiction: "US-CA", name: "City of Los Angeles" },
  { code: "US-WA-SEA", jurisdiction: "US-WA", name: "Seattle" },
  { code: "US-NY-NYC", jurisdiction: "US-NY", name: "New York City, and Nassau, Suffolk and Westchester counties" },
  { code: "US-IL-CHI", jurisdiction: "US-IL", name: "Chicago" },
  { code: "US-CO-DEN", jurisdiction: "US-CO", name: "Denver (city and county)" },
];

/** `US-CA-SF (San Francisco…), …`: for messages and descriptions. */
export const WORK_LOCALITY_LIST = WORK_LOCALITIES.map((l) => `\`${l.code}\` (${l.name})`).join(", ");

export function workLocality(code: string): WorkLocality | null {
  return WORK_LOCALITIES.find((l) => l.code === code) ?? null;
}
