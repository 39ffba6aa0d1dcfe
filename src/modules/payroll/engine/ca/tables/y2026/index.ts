import type { Edition } from "../types";
import { CPP_2026, QPP_2026 } from "./cpp-qpp";
import { EI_2026, EI_QUEBEC_2026, QPIP_2026 } from "./ei-qpip";
import { FEDERAL_2026 } from "./federal";
import { PROVINCES_2026 } from "./provinces";
import { QUEBEC_2026 } from "./quebec";

/** CRA T4127 Payroll Deductions Formulas, 122nd edition, effective January 1, 2026 — every province; Quebec income tax from Revenu Québec TP-1015.F (2026-01). */
export const EDITION_2026_JAN: Edition = {
  name: "T4127 122nd ed. (Jan 2026)",
  year: 2026,
  federal: FEDERAL_2026,
  cpp: CPP_2026,
  qpp: QPP_2026,
  ei: EI_2026,
  eiQuebec: EI_QUEBEC_2026,
  qpip: QPIP_2026,
  provinces: PROVINCES_2026,
  quebec: QUEBEC_2026,
  unsourcedProvinces: {},
};
