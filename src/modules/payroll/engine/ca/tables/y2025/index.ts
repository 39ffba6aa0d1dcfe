import type { Edition } from "../types";
import { CPP_2025, QPP_2025 } from "./cpp-qpp";
import { EI_2025, EI_QUEBEC_2025, QPIP_2025 } from "./ei-qpip";
import { FEDERAL_2025_JAN, FEDERAL_2025_JUL } from "./federal";
import { ALBERTA_2025_JAN, BRITISH_COLUMBIA_2025, ONTARIO_2025 } from "./provinces";

const NOT_SOURCED = "2025 provincial tables for this jurisdiction were not sourced from T4127 (120th/121st ed.); computing it would be a guess";

const unsourced = (codes: string[], reason = NOT_SOURCED) => Object.fromEntries(codes.map((c) => [c, reason]));

/** T4127 120th ed., effective 2025-01-01 (pay dates up to 2025-06-30). */
export const EDITION_2025_JAN: Edition = {
  name: "T4127 120th ed. (Jan 2025)",
  year: 2025,
  federal: FEDERAL_2025_JAN,
  cpp: CPP_2025,
  qpp: QPP_2025,
  ei: EI_2025,
  eiQuebec: EI_QUEBEC_2025,
  qpip: QPIP_2025,
  provinces: { ON: ONTARIO_2025, BC: BRITISH_COLUMBIA_2025, AB: ALBERTA_2025_JAN },
  unsourcedProvinces: unsourced(["MB", "NB", "NL", "NS", "NT", "NU", "PE", "SK", "YT"]),
};

/** T4127 121st ed., effective 2025-07-01 (pay dates 2025-07-01 to 2025-12-31). */
export const EDITION_2025_JUL: Edition = {
  ...EDITION_2025_JAN,
  name: "T4127 121st ed. (Jul 2025)",
  federal: FEDERAL_2025_JUL,
  provinces: { ON: ONTARIO_2025, BC: BRITISH_COLUMBIA_2025 },
  unsourcedProvinces: {
    ...unsourced(["MB", "NB", "NL", "NS", "NT", "NU", "PE", "SK", "YT"]),
    AB: "Alberta July 2025 (prorated 6% bracket and its supplemental credit K5P) could not be sourced from T4127 121st ed.",
  },
};
