/**
 * New York State, New York City and Yonkers withholding, 2026 — the exact calculation method (Method II) of
 *  - NYS-50-T-NYS (1/26) "New York State Withholding Tax Tables and Methods", effective January 1, 2026:
 *    Table A (combined deduction and exemption allowance, 0–10 exemptions), Table B (deduction allowance) and
 *    Table C (one exemption) p. 14; Method II single p. 17, married p. 19 (columns "at least / but less than /
 *    subtract / multiply by / add"); Method III (top income tax rates: a flat rate on the whole annualized net wages
 *    at or above $1,077,550 single / $2,155,350 married) p. 22; supplemental rate 11.70% p. 3.
 *  - NYS-50-T-NYC (1/26) "New York City Withholding Tax Tables and Methods": Tables A–C p. 24, Method II pp. 25–26
 *    (the single and married Method II tables are printed identical; only Table A differs by status).
 *  - NYS-50-T-Y (1/26) "Yonkers Withholding Tax Tables and Methods": resident = 16.75% of the New York State
 *    Method II amount; nonresident earnings tax Method VII = 0.50% of gross wages after the per-period exclusion.
 *
 * Confidence MED-HIGH, SECONDARY: the publications could not be opened here. Two independent public transcriptions
 * of the (1/26) editions agree on every figure used below (Tables A–C, every Method II row of the four engine pay
 * frequencies, the NYC table, the Yonkers surcharge and Method VII exclusions, the Method III thresholds); a third
 * agrees on the Method III rates (10.45% / 11.10% / 11.70% at $1,077,550 / $5,000,000 / $25,000,000) and the
 * 11.70% supplemental rate. The publication's own worked examples (NYS, NYC, Yonkers) reproduce in
 * test/unit/engine-us-states-ny.test.ts.
 *
 * 2025 (NYS-50-T-NYS (1/25)) is not transcribed: a 2025 pay date is a MISSING_TAX_TABLE blocker.
 */
import type { PayFrequency } from "../../types";
import { pct, usd, type Rate } from "../money";

/** One Method II line: for net wages at least `atLeast` (and below the next line), (net − atLeast) × rate + add. */
export interface NyRow {
  readonly atLeast: bigint;
  readonly rate: Rate;
  readonly add: bigint;
}

export type NyStatus = "SINGLE" | "MARRIED";

export interface NyAllowanceTables {
  /** Table A: deduction + exemption allowance for 0…10 exemptions, per period, cents. */
  readonly combined: Readonly<Record<PayFrequency, Readonly<Record<NyStatus, readonly bigint[]>>>>;
  /** Table B: the deduction allowance alone (more than 10 exemptions), cents. */
  readonly deduction: Readonly<Record<PayFrequency, Readonly<Record<NyStatus, bigint>>>>;
  /** Table C: one exemption ($1,000 a year), per period, cents. */
  readonly exemption: Readonly<Record<PayFrequency, bigint>>;
}

export interface NyWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly nys: {
    readonly allowances: NyAllowanceTables;
    /** Method II; the last line runs up to the Method III handoff. */
    readonly tables: Readonly<Record<PayFrequency, Readonly<Record<NyStatus, readonly NyRow[]>>>>;
    /** Per-period net wages at which the printed Method II table ends ("… and over: use Method III"), cents. */
    readonly methodIIIPrintedHandoff: Readonly<Record<PayFrequency, Readonly<Record<NyStatus, bigint>>>>;
    /** Annualized net wages at or above which Method III applies, cents. */
    readonly methodIIIThreshold: Readonly<Record<NyStatus, bigint>>;
    /** Method III: flat rate of the band the annualized net wages reach, on the whole annualized net wages. */
    readonly methodIII: readonly { readonly atLeast: bigint; readonly rate: Rate }[];
    readonly supplementalRate: Rate;
  };
  readonly nyc: {
    readonly citation: string;
    readonly allowances: NyAllowanceTables;
    readonly tables: Readonly<Record<PayFrequency, readonly NyRow[]>>;
  };
  readonly yonkers: {
    readonly citation: string;
    /** Resident: this fraction of the New York State Method II/III amount. */
    readonly residentSurcharge: Rate;
    /** Nonresident earnings tax on gross wages after the Method VII exclusion. */
    readonly nonresidentRate: Rate;
    /** Method VII: gross wages at least `atLeast` → exclusion (null: no tax withheld). */
    readonly nonresidentBands: Readonly<Record<PayFrequency, readonly { readonly atLeast: bigint; readonly exclusion: bigint | null }[]>>;
  };
}

const rows = (lines: readonly (readonly [string, string, string])[]): NyRow[] => lines.map(([atLeast, rate, add]) => ({ atLeast: usd(atLeast), rate: pct(rate), add: usd(add) }));
const amounts = (values: readonly string[]): bigint[] => values.map(usd);

// NYS-50-T-NYS (1/26) p. 14, Tables A, B, C.
const NYS_ALLOWANCES: NyAllowanceTables = {
  combined: {
    WEEKLY: {
      SINGLE: amounts(["142.30", "161.55", "180.80", "200.05", "219.30", "238.55", "257.80", "277.05", "296.30", "315.55", "334.80"]),
      MARRIED: amounts(["152.90", "172.15", "191.40", "210.65", "229.90", "249.15", "268.40", "287.65", "306.90", "326.15", "345.40"]),
    },
    BIWEEKLY: {
      SINGLE: amounts(["284.60", "323.10", "361.60", "400.10", "438.60", "477.10", "515.60", "554.10", "592.60", "631.10", "669.60"]),
      MARRIED: amounts(["305.80", "344.30", "382.80", "421.30", "459.80", "498.30", "536.80", "575.30", "613.80", "652.30", "690.80"]),
    },
    SEMIMONTHLY: {
      SINGLE: amounts(["308.35", "350.00", "391.65", "433.30", "474.95", "516.60", "558.25", "599.90", "641.55", "683.20", "724.85"]),
      MARRIED: amounts(["331.25", "372.90", "414.55", "456.20", "497.85", "539.50", "581.15", "622.80", "664.45", "706.10", "747.75"]),
    },
    MONTHLY: {
      SINGLE: amounts(["616.70", "700.00", "783.30", "866.60", "949.90", "1033.20", "1116.50", "1199.80", "1283.10", "1366.40", "1449.70"]),
      MARRIED: amounts(["662.50", "745.80", "829.10", "912.40", "995.70", "1079.00", "1162.30", "1245.60", "1328.90", "1412.20", "1495.50"]),
    },
  },
  deduction: {
    WEEKLY: { SINGLE: usd("142.30"), MARRIED: usd("152.90") },
    BIWEEKLY: { SINGLE: usd("284.60"), MARRIED: usd("305.80") },
    SEMIMONTHLY: { SINGLE: usd("308.35"), MARRIED: usd("331.25") },
    MONTHLY: { SINGLE: usd("616.70"), MARRIED: usd("662.50") },
  },
  exemption: { WEEKLY: usd("19.25"), BIWEEKLY: usd("38.50"), SEMIMONTHLY: usd("41.65"), MONTHLY: usd("83.30") },
};

// NYS-50-T-NYS (1/26) p. 17 (single) and p. 19 (married), Method II: [at least, multiply by %, add].
const NYS_TABLES: NyWithholdingEdition["nys"]["tables"] = {
  WEEKLY: {
    SINGLE: rows([
      ["0", "3.90", "0"],
      ["163", "4.40", "6.38"],
      ["225", "5.15", "9.08"],
      ["267", "5.40", "11.27"],
      ["1551", "5.90", "80.58"],
      ["1862", "7.03", "98.90"],
      ["2070", "7.53", "113.58"],
      ["3032", "6.40", "186.02"],
      ["4142", "11.44", "257.10"],
      ["5104", "7.35", "367.13"],
    ]),
    MARRIED: rows([
      ["0", "3.90", "0"],
      ["163", "4.40", "6.38"],
      ["225", "5.15", "9.08"],
      ["267", "5.40", "11.27"],
      ["1551", "5.90", "80.58"],
      ["1862", "6.57", "98.90"],
      ["2070", "7.07", "112.60"],
      ["3032", "8.01", "180.54"],
      ["4068", "6.40", "263.62"],
      ["6215", "13.49", "401.04"],
      ["7177", "7.35", "530.77"],
      ["20722", "7.65", "1526.33"],
    ]),
  },
  BIWEEKLY: {
    SINGLE: rows([
      ["0", "3.90", "0"],
      ["327", "4.40", "12.77"],
      ["450", "5.15", "18.15"],
      ["535", "5.40", "22.54"],
      ["3102", "5.90", "161.15"],
      ["3723", "7.03", "197.81"],
      ["4140", "7.53", "227.15"],
      ["6063", "6.40", "372.04"],
      ["8285", "11.44", "514.19"],
      ["10208", "7.35", "734.27"],
    ]),
    MARRIED: rows([
      ["0", "3.90", "0"],
      ["327", "4.40", "12.77"],
      ["450", "5.15", "18.15"],
      ["535", "5.40", "22.54"],
      ["3102", "5.90", "161.15"],
      ["3723", "6.57", "197.81"],
      ["4140", "7.07", "225.19"],
      ["6063", "8.01", "361.08"],
      ["8137", "6.40", "527.23"],
      ["12431", "13.49", "802.08"],
      ["14354", "7.35", "1061.54"],
      ["41444", "7.65", "3052.65"],
    ]),
  },
  SEMIMONTHLY: {
    SINGLE: rows([
      ["0", "3.90", "0"],
      ["354", "4.40", "13.83"],
      ["488", "5.15", "19.67"],
      ["579", "5.40", "24.42"],
      ["3360", "5.90", "174.58"],
      ["4033", "7.03", "214.29"],
      ["4485", "7.53", "246.08"],
      ["6569", "6.40", "403.04"],
      ["8975", "11.44", "557.04"],
      ["11058", "7.35", "795.46"],
    ]),
    MARRIED: rows([
      ["0", "3.90", "0"],
      ["354", "4.40", "13.83"],
      ["488", "5.15", "19.67"],
      ["579", "5.40", "24.42"],
      ["3360", "5.90", "174.58"],
      ["4033", "6.57", "214.29"],
      ["4485", "7.07", "243.96"],
      ["6569", "8.01", "391.17"],
      ["8815", "6.40", "571.17"],
      ["13467", "13.49", "868.92"],
      ["15550", "7.35", "1150.00"],
      ["44898", "7.65", "3307.04"],
    ]),
  },
  MONTHLY: {
    SINGLE: rows([
      ["0", "3.90", "0"],
      ["708", "4.40", "27.67"],
      ["975", "5.15", "39.33"],
      ["1158", "5.40", "48.83"],
      ["6721", "5.90", "349.17"],
      ["8067", "7.03", "428.58"],
      ["8971", "7.53", "492.17"],
      ["13138", "6.40", "806.08"],
      ["17950", "11.44", "1114.08"],
      ["22117", "7.35", "1590.92"],
    ]),
    MARRIED: rows([
      ["0", "3.90", "0"],
      ["708", "4.40", "27.67"],
      ["975", "5.15", "39.33"],
      ["1158", "5.40", "48.83"],
      ["6721", "5.90", "349.17"],
      ["8067", "6.57", "428.58"],
      ["8971", "7.07", "487.92"],
      ["13138", "8.01", "782.33"],
      ["17629", "6.40", "1142.33"],
      ["26933", "13.49", "1737.83"],
      ["31100", "7.35", "2300.00"],
      ["89796", "7.65", "6614.08"],
    ]),
  },
};

// NYS-50-T-NYC (1/26) p. 24, Tables A, B, C.
const NYC_ALLOWANCES: NyAllowanceTables = {
  combined: {
    WEEKLY: {
      SINGLE: amounts(["96.15", "115.40", "134.65", "153.90", "173.15", "192.40", "211.65", "230.90", "250.15", "269.40", "288.65"]),
      MARRIED: amounts(["105.75", "125.00", "144.25", "163.50", "182.75", "202.00", "221.25", "240.50", "259.75", "279.00", "298.25"]),
    },
    BIWEEKLY: {
      SINGLE: amounts(["192.30", "230.80", "269.30", "307.80", "346.30", "384.80", "423.30", "461.80", "500.30", "538.80", "577.30"]),
      MARRIED: amounts(["211.50", "250.00", "288.50", "327.00", "365.50", "404.00", "442.50", "481.00", "519.50", "558.00", "596.50"]),
    },
    SEMIMONTHLY: {
      SINGLE: amounts(["208.35", "250.00", "291.65", "333.30", "374.95", "416.60", "458.25", "499.90", "541.55", "583.20", "624.85"]),
      MARRIED: amounts(["229.15", "270.80", "312.45", "354.10", "395.75", "437.40", "479.05", "520.70", "562.35", "604.00", "645.65"]),
    },
    MONTHLY: {
      SINGLE: amounts(["416.70", "500.00", "583.30", "666.60", "749.90", "833.20", "916.50", "999.80", "1083.10", "1166.40", "1249.70"]),
      MARRIED: amounts(["458.30", "541.60", "624.90", "708.20", "791.50", "874.80", "958.10", "1041.40", "1124.70", "1208.00", "1291.30"]),
    },
  },
  deduction: {
    WEEKLY: { SINGLE: usd("96.15"), MARRIED: usd("105.75") },
    BIWEEKLY: { SINGLE: usd("192.30"), MARRIED: usd("211.50") },
    SEMIMONTHLY: { SINGLE: usd("208.35"), MARRIED: usd("229.15") },
    MONTHLY: { SINGLE: usd("416.70"), MARRIED: usd("458.30") },
  },
  exemption: { WEEKLY: usd("19.25"), BIWEEKLY: usd("38.50"), SEMIMONTHLY: usd("41.65"), MONTHLY: usd("83.30") },
};

// NYS-50-T-NYC (1/26) pp. 25–26, Method II (single and married printed identical).
const NYC_TABLES: NyWithholdingEdition["nyc"]["tables"] = {
  WEEKLY: rows([
    ["0", "2.05", "0"],
    ["154", "2.80", "3.15"],
    ["167", "3.25", "3.54"],
    ["288", "3.95", "7.46"],
    ["481", "4.15", "15.06"],
    ["1154", "4.25", "43.00"],
  ]),
  BIWEEKLY: rows([
    ["0", "2.05", "0"],
    ["308", "2.80", "6.31"],
    ["334", "3.25", "7.08"],
    ["577", "3.95", "14.92"],
    ["962", "4.15", "30.12"],
    ["2308", "4.25", "86.00"],
  ]),
  SEMIMONTHLY: rows([
    ["0", "2.05", "0"],
    ["333", "2.80", "6.83"],
    ["362", "3.25", "7.67"],
    ["625", "3.95", "16.17"],
    ["1042", "4.15", "32.63"],
    ["2500", "4.25", "93.17"],
  ]),
  MONTHLY: rows([
    ["0", "2.05", "0"],
    ["667", "2.80", "13.67"],
    ["725", "3.25", "15.33"],
    ["1250", "3.95", "32.33"],
    ["2083", "4.15", "65.25"],
    ["5000", "4.25", "186.33"],
  ]),
};

const band = (atLeast: string, exclusion: string | null) => ({ atLeast: usd(atLeast), exclusion: exclusion === null ? null : usd(exclusion) });

export const NY_WITHHOLDING: Readonly<Record<number, NyWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "NYS-50-T-NYS (1/26) Method II pp. 14–19, Method III p. 22 (secondary: two transcriptions agree)",
    nys: {
      allowances: NYS_ALLOWANCES,
      tables: NYS_TABLES,
      methodIIIPrintedHandoff: {
        WEEKLY: { SINGLE: usd("20722"), MARRIED: usd("41449") },
        BIWEEKLY: { SINGLE: usd("41444"), MARRIED: usd("82898") },
        SEMIMONTHLY: { SINGLE: usd("44898"), MARRIED: usd("89806") },
        MONTHLY: { SINGLE: usd("89796"), MARRIED: usd("179613") },
      },
      methodIIIThreshold: { SINGLE: usd("1077550"), MARRIED: usd("2155350") },
      methodIII: [
        { atLeast: usd("0"), rate: pct("10.45") },
        { atLeast: usd("5000000"), rate: pct("11.10") },
        { atLeast: usd("25000000"), rate: pct("11.70") },
      ],
      supplementalRate: pct("11.70"),
    },
    nyc: {
      citation: "NYS-50-T-NYC (1/26) Method II pp. 24–26 (secondary: two transcriptions agree)",
      allowances: NYC_ALLOWANCES,
      tables: NYC_TABLES,
    },
    yonkers: {
      citation: "NYS-50-T-Y (1/26) resident Method II (16.75% of NYS) and nonresident Method VII (secondary: two transcriptions agree)",
      residentSurcharge: pct("16.75"),
      nonresidentRate: pct("0.50"),
      nonresidentBands: {
        WEEKLY: [band("0", null), band("77", "58"), band("192", "38"), band("385", "19"), band("577", "0")],
        BIWEEKLY: [band("0", null), band("154", "115"), band("385", "77"), band("769", "38"), band("1154", "0")],
        SEMIMONTHLY: [band("0", null), band("167", "125"), band("417", "83"), band("833", "42"), band("1250", "0")],
        MONTHLY: [band("0", null), band("333", "250"), band("833", "167"), band("1667", "83"), band("2500", "0")],
      },
    },
  },
};
