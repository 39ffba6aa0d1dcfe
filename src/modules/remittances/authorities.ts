/**
 * Which authority receives each tax line of a pay statement, and how that authority's deposits are timed.
 * Pure: the scheduler groups statement lines by `authorityForLine(code)`.
 *
 * Line codes (the engine's, see src/modules/payroll/engine/*\/README.md) → authority code (`Remittance.authority`):
 *   US_FIT, US_SS_EE, US_SS_ER, US_MEDICARE_EE, US_MEDICARE_ER, US_ADDL_MEDICARE_EE → IRS (Form 941 deposit)
 *   US_FUTA_ER                                   → IRS-940 (Form 940 FUTA deposit: its own, quarterly, due date)
 *   US_CA_SIT, US_CA_SDI_EE                      → US-CA-EDD (California Employment Development Department)
 *   US_PA_SIT                                    → US-PA-DOR (Pennsylvania Department of Revenue)
 *   US_PA_UC_EE                                  → US-PA-DLI (Pennsylvania Department of Labor & Industry, UC)
 *   US_IL_SIT                                    → US-IL-IDOR (Illinois Department of Revenue)
 *   US_WA_PFML_EE                                → US-WA-ESD (Washington Employment Security Department, PFML)
 *   US_AK_SUI_EE                                 → US-AK-DOLWD (Alaska Department of Labor and Workforce Development)
 *   US_NY_SDI_EE, US_NY_PFL_EE                   → US-NY-DBL (the employer's NY disability and paid family leave carrier)
 *   US_NJ_TDI_EE, US_NJ_FLI_EE, US_NJ_UI_EE     → US-NJ-DOL (NJ Department of Labor and Workforce Development)
 *   US_MA_PFML_EE → US-MA-DFML; US_CO_FAMLI_EE → US-CO-FAMLI; US_RI_TDI_EE → US-RI-TDI; US_CT_PFML_EE → US-CT-PLA;
 *   US_DC_PFL_ER → US-DC-DOES; US_HI_TDI_EE → US-HI-TDI (the employer's Hawaii TDI plan) — all quarterly
 *   US_<ST>_SUI_ER (employer SUI)                → the state's unemployment agency, quarterly: US-NJ-DOL, US-PA-DLI,
 *                                                  US-WA-ESD, US-AK-DOLWD where named above, else US-<ST>-UI
 *   US_<ST>_…, any other state                   → US-<ST>-DOR (the state's withholding agency, federal schedule)
 *   CA_CPP_EE/ER, CA_CPP2_EE/ER, CA_EI_EE/ER, CA_FIT, CA_<PR>_PIT (every province but Quebec) → CRA
 *   CA_QPP_EE/ER, CA_QPP2_EE/ER, CA_QPIP_EE/ER, CA_QC_PIT (Quebec income tax), CA_QC_HSF_ER (Health Services
 *   Fund), CA_QC_CNESST_ER (CNESST periodic payments, which Revenu Québec collects on the same slip and by the same
 *   deadline as the source deductions, then transfers to the CNESST) → RQ (Revenu Québec)
 *   CA_QC_CNT_ER (labour standards contribution, due with the RL-1 summary)   → RQ-CNT (Revenu Québec, yearly)
 * Quebec employees' EI (CA_EI_EE/ER, at the Quebec rate) and federal tax (CA_FIT) go to the CRA, as everywhere.
 * A tax line whose code matches none of these is a programming error (the engine emits documented codes only):
 * the scheduler throws rather than dropping money.
 */
import { US_SUBDIVISIONS } from "../../shared/jurisdiction";
import type { DepositRule } from "./due-dates";

export interface Authority {
  /** Stable code, stored as the remittance's payee key and shown as `Remittance.authority`. */
  code: string;
  /** Payee name shown on the remittance. */
  name: string;
  rule: DepositRule;
}

const KNOWN: Record<string, Authority> = {
  IRS: { code: "IRS", name: "Internal Revenue Service (Form 941 federal tax deposit)", rule: "IRS_941" },
  "IRS-940": { code: "IRS-940", name: "Internal Revenue Service (Form 940 FUTA deposit)", rule: "IRS_940" },
  "US-CA-EDD": { code: "US-CA-EDD", name: "California Employment Development Department (PIT and SDI)", rule: "FOLLOWS_FEDERAL" },
  "US-PA-DOR": { code: "US-PA-DOR", name: "Pennsylvania Department of Revenue (employer withholding)", rule: "FOLLOWS_FEDERAL" },
  "US-PA-DLI": { code: "US-PA-DLI", name: "Pennsylvania Department of Labor & Industry (unemployment compensation)", rule: "STATE_QUARTERLY" },
  "US-IL-IDOR": { code: "US-IL-IDOR", name: "Illinois Department of Revenue (withholding income tax)", rule: "FOLLOWS_FEDERAL" },
  "US-WA-ESD": { code: "US-WA-ESD", name: "Washington Employment Security Department (Paid Family and Medical Leave)", rule: "STATE_QUARTERLY" },
  "US-AK-DOLWD": { code: "US-AK-DOLWD", name: "Alaska Department of Labor and Workforce Development (unemployment insurance)", rule: "STATE_QUARTERLY" },
  "US-NY-DBL": {
    code: "US-NY-DBL",
    name: "New York disability benefits and paid family leave insurance carrier (employee contributions toward the employer's policy)",
    rule: "STATE_QUARTERLY",
  },
  "US-NJ-DOL": { code: "US-NJ-DOL", name: "New Jersey Department of Labor and Workforce Development (UI, TDI and FLI contributions)", rule: "STATE_QUARTERLY" },
  "US-MA-DFML": { code: "US-MA-DFML", name: "Massachusetts Department of Family and Medical Leave (PFML contributions)", rule: "STATE_QUARTERLY" },
  "US-CO-FAMLI": { code: "US-CO-FAMLI", name: "Colorado Division of Family and Medical Leave Insurance (FAMLI premiums)", rule: "STATE_QUARTERLY" },
  "US-RI-TDI": { code: "US-RI-TDI", name: "Rhode Island Division of Taxation (TDI contributions, for the Department of Labor and Training)", rule: "STATE_QUARTERLY" },
  "US-CT-PLA": { code: "US-CT-PLA", name: "Connecticut Paid Leave Authority (employee contributions)", rule: "STATE_QUARTERLY" },
  "US-DC-DOES": { code: "US-DC-DOES", name: "District of Columbia Department of Employment Services (Paid Family Leave contributions)", rule: "STATE_QUARTERLY" },
  "US-HI-TDI": { code: "US-HI-TDI", name: "Hawaii temporary disability insurance carrier (employee contributions toward the employer's TDI plan)", rule: "STATE_QUARTERLY" },
  CRA: { code: "CRA", name: "Canada Revenue Agency (source deductions)", rule: "CRA_REGULAR" },
  RQ: { code: "RQ", name: "Revenu Québec (source deductions and employer contributions: QPP, QPIP, Quebec income tax, HSF, CNESST)", rule: "RQ_REGULAR" },
  "RQ-CNT": { code: "RQ-CNT", name: "Revenu Québec (labour standards contribution, paid with the RL-1 summary)", rule: "RQ_ANNUAL_SUMMARY" },
};

const IRS_941_CODES = new Set(["US_FIT", "US_SS_EE", "US_SS_ER", "US_MEDICARE_EE", "US_MEDICARE_ER", "US_ADDL_MEDICARE_EE"]);
const STATE_LINE_AUTHORITY: Record<string, string> = {
  US_CA_SIT: "US-CA-EDD",
  US_CA_SDI_EE: "US-CA-EDD",
  US_PA_SIT: "US-PA-DOR",
  US_PA_UC_EE: "US-PA-DLI",
  US_IL_SIT: "US-IL-IDOR",
  US_WA_PFML_EE: "US-WA-ESD",
  US_AK_SUI_EE: "US-AK-DOLWD",
  US_NY_SDI_EE: "US-NY-DBL",
  US_NY_PFL_EE: "US-NY-DBL",
  US_NJ_TDI_EE: "US-NJ-DOL",
  US_NJ_FLI_EE: "US-NJ-DOL",
  US_NJ_UI_EE: "US-NJ-DOL",
  US_MA_PFML_EE: "US-MA-DFML",
  US_CO_FAMLI_EE: "US-CO-FAMLI",
  US_RI_TDI_EE: "US-RI-TDI",
  US_CT_PFML_EE: "US-CT-PLA",
  US_DC_PFL_ER: "US-DC-DOES",
  US_HI_TDI_EE: "US-HI-TDI",
};
/** States whose unemployment agency is already named above: their employer SUI goes there. */
const STATE_UI_AUTHORITY: Record<string, string> = { NJ: "US-NJ-DOL", PA: "US-PA-DLI", WA: "US-WA-ESD", AK: "US-AK-DOLWD" };
const US_STATES = new Set<string>(US_SUBDIVISIONS);
const QUEBEC_CODES = /^CA_(QPP2?|QPIP)_(EE|ER)$|^CA_QC_/;
const CRA_CODES = /^CA_(CPP2?|EI)_(EE|ER)$|^CA_FIT$|^CA_(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|SK|YT)_[A-Z0-9_]+$/;

/**
 * Every authority code `authorityByCode` accepts — the closed set of `Remittance.authority` values: the named
 * authorities, then `US-<ST>-DOR` for each other US state (DC included), then `US-<ST>-UI` (employer SUI) for each
 * state whose unemployment agency is not named.
 */
export const AUTHORITY_CODES: readonly string[] = [
  ...Object.keys(KNOWN),
  ...US_SUBDIVISIONS.map((st) => `US-${st}-DOR`).filter((code) => !(code in KNOWN)),
  ...US_SUBDIVISIONS.filter((st) => !(st in STATE_UI_AUTHORITY)).map((st) => `US-${st}-UI`),
];

/** The authority of an authority code (`IRS`, `US-NY-DOR`, …). */
export function authorityByCode(code: string): Authority {
  const known = KNOWN[code];
  if (known) return known;
  const state = /^US-([A-Z]{2})-DOR$/.exec(code);
  if (state && US_STATES.has(state[1])) {
    return { code, name: `US-${state[1]} state withholding agency`, rule: "FOLLOWS_FEDERAL" };
  }
  const ui = /^US-([A-Z]{2})-UI$/.exec(code);
  if (ui && US_STATES.has(ui[1]) && !(ui[1] in STATE_UI_AUTHORITY)) {
    return { code, name: `US-${ui[1]} state unemployment insurance agency (employer contributions)`, rule: "STATE_QUARTERLY" };
  }
  throw new Error(`Unknown tax authority code ${code}`);
}

/** The authority a tax line is remitted to, or null when no authority is known for the code. */
export function authorityForLine(code: string): Authority | null {
  if (IRS_941_CODES.has(code)) return KNOWN.IRS;
  if (code === "US_FUTA_ER") return KNOWN["IRS-940"];
  const mapped = STATE_LINE_AUTHORITY[code];
  if (mapped) return KNOWN[mapped];
  const sui = /^US_([A-Z]{2})_SUI_ER$/.exec(code);
  if (sui && US_STATES.has(sui[1])) return authorityByCode(STATE_UI_AUTHORITY[sui[1]] ?? `US-${sui[1]}-UI`);
  const state = /^US_([A-Z]{2})_[A-Z0-9_]+$/.exec(code);
  if (state && US_STATES.has(state[1])) return authorityByCode(`US-${state[1]}-DOR`);
  if (code === "CA_QC_CNT_ER") return KNOWN["RQ-CNT"];
  if (QUEBEC_CODES.test(code)) return KNOWN.RQ;
  if (CRA_CODES.test(code)) return KNOWN.CRA;
  return null;
}
