import type { ProvinceTable } from "../types";

/**
 * Provincial and territorial income tax 2026 (every jurisdiction except Quebec, whose income tax is
 * administered by Revenu Québec and is not in T4127).
 *
 * Source for every row: CRA T4127 Payroll Deductions Formulas, 122nd ed. (effective 2026-01-01),
 * Table 8.1 "Rates (V), income thresholds (A) and constants (KP)" and Table 8.2 "Other rates and amounts"
 * (basic personal amounts, Ontario surtax / health premium / tax reduction, BC reduction, Alberta K5P, Yukon
 * CEA), formulas in Ch. 4 Steps 4–5. Values were taken from the project's payroll reference (§4.4), which
 * transcribes those tables; the PDF page numbers of Tables 8.1/8.2 were not recorded there.
 *
 * Constants KP: the reference prints them for ON, BC and AB; for the other jurisdictions they are DERIVED with
 * T4127's own definition KP_i = Σ (V_i − V_{i−1}) × A_i, rounded half-up to the dollar (the same rule reproduces
 * every published federal, ON, BC and AB constant, see the unit test). The derived NB (2,407), MB (917), PE
 * (1,347), NS, NT, NU, SK, YT constants were cross-checked against CRA PDOC results at $60,000 biweekly
 * (published PDOC runs, see test/unit/engine-ca-pdoc.test.ts).
 *
 * Newfoundland and Labrador: the reference gives the first (44,678) and last (1,141,275) thresholds and the
 * 8.7%–21.8% rates; the middle thresholds (89,354 / 159,528 / 223,340 / 285,319 / 570,638) come from a secondary
 * transcription and agree with the 2025 T4127 thresholds × NL's 2026 indexation factor 1.011 (the factor that
 * turns 44,192 into 44,678 and 1,128,858 into 1,141,275). NOT read from the official PDF.
 */

export const ONTARIO_2026: ProvinceTable = {
  code: "ON",
  name: "Ontario",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Ontario), Ch. 4 Steps 4–5",
  brackets: [
    { from: "0", rate: "0.0505", constant: "0" },
    { from: "53,891", rate: "0.0915", constant: "2,210" },
    { from: "107,785", rate: "0.1116", constant: "4,376" },
    { from: "150,000", rate: "0.1216", constant: "5,876" },
    { from: "220,000", rate: "0.1316", constant: "8,076" },
  ],
  basicAmount: { kind: "fixed", amount: "12,989" },
  // V1 = 20% × (T4 − 5,818) + 36% × (T4 − 7,446), each part ≥ 0.
  surtax: { threshold1: "5,818", rate1: "0.20", threshold2: "7,446", rate2: "0.36" },
  // V2 (Ontario Health Premium) on A; not reduced by S; payable even with claim code E.
  healthPremium: [
    { from: "20,000", base: "0", rate: "0.06", cap: "300" },
    { from: "36,000", base: "300", rate: "0.06", cap: "450" },
    { from: "48,000", base: "450", rate: "0.25", cap: "600" },
    { from: "72,000", base: "600", rate: "0.25", cap: "750" },
    { from: "200,000", base: "750", rate: "0.25", cap: "900" },
  ],
  // S = min(T4 + V1, 2 × (300 + Y) − (T4 + V1)), ≥ 0; Y = 554 × dependants (no dependant data here: Y = 0).
  ontarioReduction: { basic: "300" },
};

export const BRITISH_COLUMBIA_2026: ProvinceTable = {
  code: "BC",
  name: "British Columbia",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (British Columbia), Ch. 4 Step 5",
  brackets: [
    { from: "0", rate: "0.0506", constant: "0" },
    { from: "50,363", rate: "0.077", constant: "1,330" },
    { from: "100,728", rate: "0.105", constant: "4,150" },
    { from: "115,648", rate: "0.1229", constant: "6,220" },
    { from: "140,430", rate: "0.147", constant: "9,604" },
    { from: "190,405", rate: "0.168", constant: "13,603" },
    { from: "265,545", rate: "0.205", constant: "23,428" },
  ],
  basicAmount: { kind: "fixed", amount: "13,216" },
  // S: A ≤ 25,570 → min(T4, 575); 25,570 < A ≤ 41,722 → min(T4, 575 − (A − 25,570) × 3.56%); A > 41,722 → 0.
  bcReduction: { max: "575", phaseStart: "25,570", rate: "0.0356" },
};

export const ALBERTA_2026: ProvinceTable = {
  code: "AB",
  name: "Alberta",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Alberta), Ch. 4 Step 4 (K5P)",
  brackets: [
    { from: "0", rate: "0.08", constant: "0" },
    { from: "61,200", rate: "0.10", constant: "1,224" },
    { from: "154,259", rate: "0.12", constant: "4,309" },
    { from: "185,111", rate: "0.13", constant: "6,160" },
    { from: "246,813", rate: "0.14", constant: "8,628" },
    { from: "370,220", rate: "0.15", constant: "12,331" },
  ],
  basicAmount: { kind: "fixed", amount: "22,769" },
  // K5P = ((K1P + K2P) − 4,896.00) × 0.25, ≥ 0 (Alberta supplemental tax credit).
  supplementalCredit: { threshold: "4,896.00", factor: "0.25" },
};

export const MANITOBA_2026: ProvinceTable = {
  code: "MB",
  name: "Manitoba",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Manitoba), Ch. 4 Step 4 (BPAMB)",
  brackets: [
    { from: "0", rate: "0.108", constant: "0" },
    { from: "47,000", rate: "0.1275", constant: "917" }, // derived: 47,000 × 0.0195 = 916.50 → 917
    { from: "100,000", rate: "0.174", constant: "5,567" }, // derived: 916.50 + 100,000 × 0.0465 = 5,566.50 → 5,567
  ],
  // BPAMB 15,780 (not indexed from 2025): NI ≤ 200,000 → 15,780; reduced linearly to 0 at NI 400,000
  // (BPAMB = 15,780 − (NI − 200,000) × 15,780 / 200,000).
  basicAmount: { kind: "phaseOutToZero", max: "15,780", phaseStart: "200,000", phaseEnd: "400,000" },
};

export const NEW_BRUNSWICK_2026: ProvinceTable = {
  code: "NB",
  name: "New Brunswick",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (New Brunswick)",
  brackets: [
    { from: "0", rate: "0.094", constant: "0" },
    { from: "52,333", rate: "0.14", constant: "2,407" }, // derived
    { from: "104,666", rate: "0.16", constant: "4,501" }, // derived
    { from: "193,861", rate: "0.195", constant: "11,286" }, // derived
  ],
  basicAmount: { kind: "fixed", amount: "13,664" },
};

export const NEWFOUNDLAND_2026: ProvinceTable = {
  code: "NL",
  name: "Newfoundland and Labrador",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Newfoundland and Labrador)",
  brackets: [
    { from: "0", rate: "0.087", constant: "0" },
    { from: "44,678", rate: "0.145", constant: "2,591" }, // derived
    { from: "89,354", rate: "0.158", constant: "3,753" }, // threshold secondary (see header); constant derived
    { from: "159,528", rate: "0.178", constant: "6,943" }, // idem
    { from: "223,340", rate: "0.198", constant: "11,410" }, // idem
    { from: "285,319", rate: "0.208", constant: "14,263" }, // idem
    { from: "570,638", rate: "0.213", constant: "17,117" }, // idem
    { from: "1,141,275", rate: "0.218", constant: "22,823" }, // threshold from the reference; constant derived
  ],
  basicAmount: { kind: "fixed", amount: "11,188" },
};

export const NOVA_SCOTIA_2026: ProvinceTable = {
  code: "NS",
  name: "Nova Scotia",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Nova Scotia)",
  brackets: [
    { from: "0", rate: "0.0879", constant: "0" },
    { from: "30,995", rate: "0.1495", constant: "1,909" }, // derived
    { from: "61,991", rate: "0.1667", constant: "2,976" }, // derived
    { from: "97,417", rate: "0.175", constant: "3,784" }, // derived
    { from: "157,124", rate: "0.21", constant: "9,283" }, // derived
  ],
  // 2026: the BPANS income-tested formula is removed; every employee gets the maximum 11,932 ("What's new").
  basicAmount: { kind: "fixed", amount: "11,932" },
};

export const NORTHWEST_TERRITORIES_2026: ProvinceTable = {
  code: "NT",
  name: "Northwest Territories",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Northwest Territories)",
  brackets: [
    { from: "0", rate: "0.059", constant: "0" },
    { from: "53,003", rate: "0.086", constant: "1,431" }, // derived
    { from: "106,009", rate: "0.122", constant: "5,247" }, // derived
    { from: "172,346", rate: "0.1405", constant: "8,436" }, // derived
  ],
  basicAmount: { kind: "fixed", amount: "18,198" },
};

export const NUNAVUT_2026: ProvinceTable = {
  code: "NU",
  name: "Nunavut",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Nunavut)",
  brackets: [
    { from: "0", rate: "0.04", constant: "0" },
    { from: "55,801", rate: "0.07", constant: "1,674" }, // derived
    { from: "111,602", rate: "0.09", constant: "3,906" }, // derived
    { from: "181,439", rate: "0.115", constant: "8,442" }, // derived
  ],
  basicAmount: { kind: "fixed", amount: "19,659" },
};

export const PRINCE_EDWARD_ISLAND_2026: ProvinceTable = {
  code: "PE",
  name: "Prince Edward Island",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Prince Edward Island)",
  brackets: [
    { from: "0", rate: "0.095", constant: "0" },
    { from: "33,928", rate: "0.1347", constant: "1,347" }, // derived
    { from: "65,820", rate: "0.166", constant: "3,407" }, // derived
    { from: "106,890", rate: "0.1762", constant: "4,497" }, // derived
    { from: "142,250", rate: "0.19", constant: "6,460" }, // derived
  ],
  // BPA raised from 14,650 to 15,000 on 2026-01-01 ("What's new"). No PEI surtax (eliminated from 2024).
  basicAmount: { kind: "fixed", amount: "15,000" },
};

export const SASKATCHEWAN_2026: ProvinceTable = {
  code: "SK",
  name: "Saskatchewan",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Saskatchewan)",
  brackets: [
    { from: "0", rate: "0.105", constant: "0" },
    { from: "54,532", rate: "0.125", constant: "1,091" }, // derived
    { from: "155,805", rate: "0.145", constant: "4,207" }, // derived
  ],
  basicAmount: { kind: "fixed", amount: "20,381" },
};

export const YUKON_2026: ProvinceTable = {
  code: "YT",
  name: "Yukon",
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2 (Yukon), Ch. 4 Step 4 (K4P)",
  brackets: [
    { from: "0", rate: "0.064", constant: "0" },
    { from: "58,523", rate: "0.09", constant: "1,522" }, // derived
    { from: "117,045", rate: "0.109", constant: "3,745" }, // derived
    { from: "181,440", rate: "0.128", constant: "7,193" }, // derived
    { from: "500,000", rate: "0.15", constant: "18,193" }, // derived
  ],
  // BPAYT follows the federal BPAF formula; K4P = min(0.064 × A, 0.064 × CEA 1,501).
  basicAmount: { kind: "federal" },
  employmentAmountCredit: { cea: "1,501" },
};

export const PROVINCES_2026: Record<string, ProvinceTable> = Object.fromEntries(
  [
    ONTARIO_2026,
    BRITISH_COLUMBIA_2026,
    ALBERTA_2026,
    MANITOBA_2026,
    NEW_BRUNSWICK_2026,
    NEWFOUNDLAND_2026,
    NOVA_SCOTIA_2026,
    NORTHWEST_TERRITORIES_2026,
    NUNAVUT_2026,
    PRINCE_EDWARD_ISLAND_2026,
    SASKATCHEWAN_2026,
    YUKON_2026,
  ].map((p) => [p.code, p]),
);
