import type { ProvinceTable } from "../types";

/**
 * Provincial tax 2025 — only the jurisdictions whose 2025 tables could be sourced. Values from the project's
 * payroll reference §4.4 (2025 columns of T4127), constants KP re-derived with T4127's rule
 * (Σ (V_i − V_{i−1}) × A_i, half-up to the dollar; it reproduces the published 2025 Ontario constants
 * 2,168 / 4,294 / 5,794 / 7,994). Ontario and British Columbia did not change mid-year, so one table serves both
 * the 120th (Jan 2025) and 121st (Jul 2025) editions. Every other province and territory is a blocker for 2025.
 */

export const ONTARIO_2025: ProvinceTable = {
  code: "ON",
  name: "Ontario",
  source: "CRA T4127 120th/121st ed. (2025), Table 8.1 / 8.2 (Ontario)",
  brackets: [
    { from: "0", rate: "0.0505", constant: "0" },
    { from: "52,886", rate: "0.0915", constant: "2,168" },
    { from: "105,775", rate: "0.1116", constant: "4,294" },
    { from: "150,000", rate: "0.1216", constant: "5,794" },
    { from: "220,000", rate: "0.1316", constant: "7,994" },
  ],
  basicAmount: { kind: "fixed", amount: "12,747" },
  surtax: { threshold1: "5,710", rate1: "0.20", threshold2: "7,307", rate2: "0.36" },
  // The Ontario Health Premium is not indexed: same schedule as 2026.
  healthPremium: [
    { from: "20,000", base: "0", rate: "0.06", cap: "300" },
    { from: "36,000", base: "300", rate: "0.06", cap: "450" },
    { from: "48,000", base: "450", rate: "0.25", cap: "600" },
    { from: "72,000", base: "600", rate: "0.25", cap: "750" },
    { from: "200,000", base: "750", rate: "0.25", cap: "900" },
  ],
  ontarioReduction: { basic: "294" },
};

/**
 * British Columbia 2025. Brackets, BPA 12,932 and reduction maximum 562 from the reference; the reduction's
 * phase-out start 25,020 is from a secondary transcription (it equals the 2026 value 25,570 / 1.022, BC's 2026
 * indexation) — NOT read from the official PDF.
 */
export const BRITISH_COLUMBIA_2025: ProvinceTable = {
  code: "BC",
  name: "British Columbia",
  source: "CRA T4127 120th/121st ed. (2025), Table 8.1 / 8.2 (British Columbia)",
  brackets: [
    { from: "0", rate: "0.0506", constant: "0" },
    { from: "49,279", rate: "0.077", constant: "1,301" },
    { from: "98,560", rate: "0.105", constant: "4,061" },
    { from: "113,158", rate: "0.1229", constant: "6,086" },
    { from: "137,407", rate: "0.147", constant: "9,398" },
    { from: "186,306", rate: "0.168", constant: "13,310" },
    { from: "259,829", rate: "0.205", constant: "22,924" },
  ],
  basicAmount: { kind: "fixed", amount: "12,932" },
  bcReduction: { max: "562", phaseStart: "25,020", rate: "0.0356" },
};

/**
 * Alberta, pay dates 2025-01-01 … 2025-06-30 (T4127 120th ed.): the 10% first bracket still applied (the 8% bracket
 * was enacted later and withheld as a prorated 6% from July, with a supplemental credit whose July 2025 parameters
 * could not be sourced — so Alberta July–December 2025 is a blocker). Thresholds and BPA 22,323 from the reference;
 * constants derived. PDOC cross-check: $60,000 biweekly on 2025-01-17 → 128.20.
 */
export const ALBERTA_2025_JAN: ProvinceTable = {
  code: "AB",
  name: "Alberta",
  source: "CRA T4127 120th ed. (Jan 2025), Table 8.1 / 8.2 (Alberta)",
  brackets: [
    { from: "0", rate: "0.10", constant: "0" },
    { from: "151,234", rate: "0.12", constant: "3,025" },
    { from: "181,481", rate: "0.13", constant: "4,839" },
    { from: "241,974", rate: "0.14", constant: "7,259" },
    { from: "362,961", rate: "0.15", constant: "10,889" },
  ],
  basicAmount: { kind: "fixed", amount: "22,323" },
};
