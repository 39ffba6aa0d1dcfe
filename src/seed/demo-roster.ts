/**
 * The demo workforce, written out by hand: fixed names, titles, dates and pay, so the demo data is the same
 * on every machine and docs can point at a named person. demo-data.ts turns it into rows.
 */

export type DemoJurisdiction = "US-CA" | "US-TX" | "US-NY" | "US-WA" | "CA-ON" | "CA-BC" | "CA-QC";

/** W-2 / 1099 in the US, T4 / T4A in Canada (see `classification` in src/db/enums.ts). */
export type DemoKind = "W2" | "1099" | "T4" | "T4A";

/** Basis and amount in minor units: annual salary, hourly rate, or fixed fee per pay period. */
export type DemoPay = readonly ["SALARY" | "HOURLY" | "FIXED_FEE", number];

export interface DemoEngagementSpec {
  title: string;
  kind: DemoKind;
  /** PEO co-employment (Summit only); EOR otherwise. */
  peo?: true;
  start: string;
  /** Set on ended engagements only. */
  end?: string;
  endReason?: string;
  /** offboarding's `terminationReason` of an ended engagement. */
  terminationReason?: "VOLUNTARY" | "INVOLUNTARY" | "END_OF_CONTRACT";
  /** offboarding's other `endEngagement` fields (src/seed/demo-offboarding.ts plans the final pay from them). */
  offboarding?: { noticeGivenOn?: string; unusedPtoHours?: number; vacationPayOwed?: number };
  pay: DemoPay;
  /** Exempt from overtime (US salaried employees above the exemption thresholds; src/modules/labor-law). */
  exempt?: true;
  /** Work locality whose local minimum wage applies (src/modules/labor-law/localities.ts), e.g. `US-CA-SF`. */
  locality?: string;
  /** A later effective-dated compensation change. */
  raise?: { from: string; amount: number; reason: string };
}

export interface DemoWorkerSpec extends DemoEngagementSpec {
  first: string;
  last: string;
  preferred?: string;
  /** Work and home jurisdiction. */
  where: DemoJurisdiction;
  /** An earlier, ended engagement with the same client before the current one. */
  earlier?: DemoEngagementSpec;
  /** Onboarding not finished: no tax id and no withholding elections yet. */
  noTaxId?: true;
  /** REGULAR hours worked by an hourly worker, `[date, hours]` (the demo of overtime classification). */
  hours?: readonly (readonly [string, number])[];
}

export type DemoClientKey = "northwind" | "summit" | "maple";

export interface DemoClientSpec {
  key: DemoClientKey;
  name: string;
  externalId: string;
  /** Worker external ids are `<prefix>-001`, `<prefix>-002`, … in roster order. */
  workerPrefix: string;
  /** Email domain of the client's employees (contractors use their own). */
  emailDomain: string;
  /** Jurisdictions where the client has its own legal entity (PEO is possible only there). */
  legalEntities: readonly string[];
  workers: readonly DemoWorkerSpec[];
}

export const DEMO_ROSTER: readonly DemoClientSpec[] = [
  {
    key: "northwind",
    name: "Northwind Robotics",
    externalId: "northwind-robotics",
    workerPrefix: "nw",
    emailDomain: "northwind-robotics.example",
    legalEntities: [],
    workers: [
      {
        first: "Maya",
        last: "Patel",
        where: "US-CA",
        title: "Senior Robotics Software Engineer",
        kind: "W2",
        start: "2025-02-03",
        pay: ["SALARY", 17_500_000],
        exempt: true,
        raise: { from: "2026-04-01", amount: 18_600_000, reason: "Annual merit increase" },
      },
      {
        first: "Daniel",
        last: "Okafor",
        where: "US-CA",
        locality: "US-CA-SF",
        title: "Perception Engineer",
        kind: "W2",
        start: "2025-03-10",
        pay: ["SALARY", 16_200_000],
        exempt: true,
      },
      { first: "Sofia", last: "Hernandez", where: "US-CA", title: "Mechanical Design Engineer", kind: "W2", start: "2025-05-19", pay: ["SALARY", 13_800_000] },
      {
        first: "Kevin",
        last: "Tran",
        where: "US-CA",
        title: "Field Service Technician",
        kind: "W2",
        start: "2025-06-02",
        pay: ["HOURLY", 4_150],
        // Cal. Lab. Code §510: a 10-hour Monday and a 45-hour week, then a 13-hour Monday (double time after 12 h).
        hours: [
          ["2026-11-16", 10],
          ["2026-11-17", 8],
          ["2026-11-18", 8],
          ["2026-11-19", 9],
          ["2026-11-20", 8],
          ["2026-11-21", 2],
          ["2026-11-23", 13],
          ["2026-11-24", 8],
          ["2026-11-25", 8],
        ],
      },
      {
        first: "Alexandra",
        last: "Novak",
        preferred: "Alex",
        where: "US-CA",
        title: "Controls Engineer",
        kind: "W2",
        start: "2025-07-07",
        pay: ["SALARY", 15_400_000],
        earlier: {
          title: "Controls Engineering Contractor",
          kind: "1099",
          start: "2025-01-13",
          end: "2025-06-27",
          endReason: "Converted to W-2 employment",
          pay: ["FIXED_FEE", 720_000],
        },
      },
      { first: "Jordan", last: "Reyes", where: "US-CA", title: "UX Research Contractor", kind: "1099", start: "2025-09-15", pay: ["FIXED_FEE", 480_000] },
      { first: "Marcus", last: "Johnson", where: "US-TX", title: "Manufacturing Technician", kind: "W2", start: "2025-04-07", pay: ["HOURLY", 2_875] },
      { first: "Priya", last: "Raman", where: "US-TX", title: "Supply Chain Analyst", kind: "W2", start: "2025-08-04", pay: ["SALARY", 8_900_000] },
      { first: "Tyler", last: "Brooks", where: "US-TX", title: "Field Service Technician", kind: "W2", start: "2026-02-02", pay: ["HOURLY", 3_200] },
      { first: "Grace", last: "Kim", where: "US-TX", title: "Technical Writer (Contract)", kind: "1099", start: "2026-01-12", pay: ["FIXED_FEE", 310_000] },
      {
        first: "Samuel",
        last: "Goldberg",
        preferred: "Sam",
        where: "US-NY",
        locality: "US-NY-NYC",
        title: "Enterprise Account Executive",
        kind: "W2",
        start: "2025-03-03",
        pay: ["SALARY", 14_500_000],
        exempt: true,
      },
      { first: "Aisha", last: "Mohammed", where: "US-NY", title: "Solutions Engineer", kind: "W2", start: "2025-10-06", pay: ["SALARY", 13_200_000] },
      { first: "Liam", last: "O'Connor", where: "US-NY", title: "Product Marketing Manager", kind: "W2", start: "2025-11-03", pay: ["SALARY", 12_600_000] },
      {
        first: "Emily",
        last: "Nakamura",
        where: "US-WA",
        locality: "US-WA-SEA",
        title: "Machine Learning Engineer",
        kind: "W2",
        start: "2025-01-21",
        pay: ["SALARY", 18_200_000],
        exempt: true,
      },
      { first: "Benjamin", last: "Carter", preferred: "Ben", where: "US-WA", title: "Embedded Firmware Engineer", kind: "W2", start: "2025-06-16", pay: ["SALARY", 15_800_000] },
      { first: "Olivia", last: "Martin", where: "US-WA", title: "Recruiting Coordinator", kind: "W2", start: "2025-09-02", pay: ["HOURLY", 3_400] },
      { first: "Ethan", last: "Walsh", where: "US-WA", title: "Hardware Test Engineer", kind: "W2", start: "2027-01-11", pay: ["SALARY", 12_400_000], noTaxId: true },
      { first: "Aiden", last: "MacDonald", where: "CA-ON", title: "Robotics Software Engineer", kind: "T4", start: "2025-04-14", pay: ["SALARY", 13_500_000] },
      { first: "Harpreet", last: "Gill", where: "CA-ON", title: "QA Automation Engineer", kind: "T4", start: "2025-07-21", pay: ["SALARY", 10_400_000] },
      { first: "Mei", last: "Chen", where: "CA-ON", title: "Data Annotation Lead (Contract)", kind: "T4A", start: "2025-10-01", pay: ["FIXED_FEE", 390_000] },
      { first: "Noah", last: "Fraser", where: "CA-BC", title: "Simulation Engineer", kind: "T4", start: "2025-05-05", pay: ["SALARY", 12_800_000] },
      { first: "Ava", last: "Sandhu", where: "CA-BC", title: "Industrial Design Contractor", kind: "T4A", start: "2026-03-02", pay: ["FIXED_FEE", 450_000] },
      { first: "Élodie", last: "Gagnon", where: "CA-QC", title: "Computer Vision Researcher", kind: "T4", start: "2025-09-08", pay: ["SALARY", 12_100_000] },
      {
        first: "Félix",
        last: "Bouchard",
        where: "CA-QC",
        title: "Robotics Technician",
        kind: "T4",
        start: "2025-02-17",
        end: "2025-12-19",
        endReason: "Resigned",
        terminationReason: "VOLUNTARY",
        offboarding: { noticeGivenOn: "2025-12-05", vacationPayOwed: 1_152_00 },
        pay: ["HOURLY", 3_600],
      },
    ],
  },
  {
    key: "summit",
    name: "Summit Health Partners",
    externalId: "summit-health-partners",
    workerPrefix: "sh",
    emailDomain: "summithealth.example",
    legalEntities: ["US"],
    // Clinic staff in California and Texas are co-employed (PEO); remote and contract staff are under the EOR.
    workers: [
      { first: "Rachel", last: "Greenberg", where: "US-CA", title: "Practice Manager", kind: "W2", peo: true, start: "2025-01-06", pay: ["SALARY", 9_800_000] },
      { first: "Carlos", last: "Mendoza", where: "US-CA", title: "Registered Nurse", kind: "W2", peo: true, start: "2025-02-10", pay: ["HOURLY", 6_250] },
      {
        first: "Linh",
        last: "Nguyen",
        where: "US-CA",
        title: "Medical Assistant",
        kind: "W2",
        peo: true,
        start: "2025-03-17",
        pay: ["HOURLY", 2_600],
        raise: { from: "2026-01-01", amount: 2_750, reason: "Certification completed (CCMA)" },
      },
      { first: "Jessica", last: "Wong", where: "US-CA", title: "Physician Assistant", kind: "W2", peo: true, start: "2025-06-09", pay: ["SALARY", 15_200_000], exempt: true },
      { first: "Michael", last: "Brennan", preferred: "Mike", where: "US-CA", title: "Medical Coding Contractor", kind: "1099", start: "2025-08-18", pay: ["FIXED_FEE", 260_000] },
      {
        first: "Fatima",
        last: "Haddad",
        where: "US-CA",
        title: "Front Desk Coordinator",
        kind: "W2",
        peo: true,
        start: "2025-11-10",
        end: "2026-02-27",
        endReason: "Resigned",
        terminationReason: "VOLUNTARY",
        offboarding: { noticeGivenOn: "2026-02-20", unusedPtoHours: 12 },
        pay: ["HOURLY", 2_300],
      },
      { first: "Andrew", last: "Castillo", where: "US-CA", title: "Per Diem Registered Nurse", kind: "W2", start: "2026-03-16", pay: ["HOURLY", 6_800] },
      { first: "Brianna", last: "Lewis", where: "US-TX", title: "Registered Nurse", kind: "W2", peo: true, start: "2025-02-03", pay: ["HOURLY", 4_700] },
      { first: "Jose", last: "Ramirez", where: "US-TX", title: "Radiologic Technologist", kind: "W2", peo: true, start: "2025-04-21", pay: ["HOURLY", 3_900] },
      {
        first: "Hannah",
        last: "Schultz",
        where: "US-TX",
        title: "Billing Specialist",
        kind: "W2",
        peo: true,
        start: "2026-01-01",
        pay: ["SALARY", 5_800_000],
        earlier: { title: "Billing Specialist", kind: "W2", start: "2025-03-03", end: "2025-12-31", endReason: "Moved to PEO co-employment", pay: ["SALARY", 5_600_000] },
      },
      { first: "DeShawn", last: "Williams", where: "US-TX", title: "Clinic Operations Analyst", kind: "W2", peo: true, start: "2025-09-29", pay: ["SALARY", 7_200_000] },
      {
        first: "Katherine",
        last: "Doyle",
        preferred: "Kate",
        where: "US-TX",
        title: "Clinical Informatics Consultant",
        kind: "1099",
        start: "2026-01-05",
        pay: ["FIXED_FEE", 650_000],
      },
      { first: "Isaac", last: "Rosen", where: "US-NY", title: "Telehealth Physician", kind: "W2", start: "2025-05-12", pay: ["SALARY", 24_500_000], exempt: true },
      { first: "Natalie", last: "Ortiz", where: "US-NY", title: "Care Coordinator", kind: "W2", start: "2025-07-14", pay: ["SALARY", 6_800_000] },
      { first: "Omar", last: "Farouk", where: "US-NY", title: "Revenue Cycle Manager", kind: "W2", start: "2025-10-20", pay: ["SALARY", 11_200_000] },
      { first: "Wei", last: "Zhang", where: "US-NY", title: "Compliance Consultant", kind: "1099", start: "2026-04-06", pay: ["FIXED_FEE", 540_000] },
      { first: "Megan", last: "Olsen", where: "US-WA", title: "Nurse Practitioner", kind: "W2", start: "2025-03-24", pay: ["SALARY", 14_100_000] },
      { first: "Ryan", last: "Kowalski", where: "US-WA", title: "IT Support Specialist", kind: "W2", start: "2025-08-11", pay: ["HOURLY", 3_450] },
      { first: "Leilani", last: "Kahale", where: "US-WA", title: "Behavioral Health Counselor", kind: "W2", start: "2026-02-16", pay: ["SALARY", 7_600_000] },
      { first: "Graham", last: "Whitfield", where: "US-WA", title: "Pharmacist", kind: "W2", start: "2025-12-01", pay: ["SALARY", 15_600_000] },
    ],
  },
  {
    key: "maple",
    name: "Maple Ledger Inc.",
    externalId: "maple-ledger",
    workerPrefix: "ml",
    emailDomain: "mapleledger.example",
    legalEntities: ["CA"],
    workers: [
      { first: "Sarah", last: "Thompson", where: "CA-ON", title: "Controller", kind: "T4", start: "2025-01-06", pay: ["SALARY", 14_500_000] },
      {
        first: "Raj",
        last: "Malhotra",
        where: "CA-ON",
        title: "Senior Accountant",
        kind: "T4",
        start: "2025-02-18",
        pay: ["SALARY", 9_600_000],
        raise: { from: "2026-03-01", amount: 10_100_000, reason: "Annual merit increase" },
      },
      { first: "Jennifer", last: "Li", where: "CA-ON", title: "Tax Analyst", kind: "T4", start: "2025-04-07", pay: ["SALARY", 8_200_000] },
      {
        first: "Tyrone",
        last: "Campbell",
        where: "CA-ON",
        title: "Software Developer",
        kind: "T4",
        start: "2025-07-07",
        pay: ["SALARY", 10_800_000],
        earlier: {
          title: "Software Development Contractor",
          kind: "T4A",
          start: "2025-01-13",
          end: "2025-06-27",
          endReason: "Converted to employment",
          pay: ["FIXED_FEE", 520_000],
        },
      },
      { first: "Emma", last: "Wilson", where: "CA-ON", title: "Payroll Specialist", kind: "T4", start: "2025-09-02", pay: ["SALARY", 7_000_000] },
      { first: "Hassan", last: "Ali", where: "CA-ON", title: "Bookkeeper", kind: "T4", start: "2025-11-17", pay: ["HOURLY", 3_100] },
      { first: "Patricia", last: "Morrison", where: "CA-ON", title: "Audit Consultant", kind: "T4A", start: "2026-01-19", pay: ["FIXED_FEE", 600_000] },
      { first: "Jasmine", last: "Dhaliwal", where: "CA-BC", title: "Senior Accountant", kind: "T4", start: "2025-03-03", pay: ["SALARY", 9_400_000] },
      { first: "William", last: "Chang", preferred: "Will", where: "CA-BC", title: "Financial Systems Analyst", kind: "T4", start: "2025-06-23", pay: ["SALARY", 9_900_000] },
      { first: "Zoe", last: "Robertson", where: "CA-BC", title: "Accounts Payable Clerk", kind: "T4", start: "2025-10-14", pay: ["HOURLY", 2_650] },
      { first: "Arjun", last: "Mehta", where: "CA-BC", title: "Data Analytics Consultant", kind: "T4A", start: "2026-02-09", pay: ["FIXED_FEE", 420_000] },
      { first: "Claire", last: "Henderson", where: "CA-BC", title: "Tax Manager", kind: "T4", start: "2027-02-01", pay: ["SALARY", 12_300_000] },
      { first: "Mathieu", last: "Lavoie", where: "CA-QC", title: "Tax Specialist", kind: "T4", start: "2025-02-03", pay: ["SALARY", 8_700_000] },
      { first: "Camille", last: "Roy", where: "CA-QC", title: "Bilingual Client Service Representative", kind: "T4", start: "2025-05-20", pay: ["HOURLY", 2_500] },
      { first: "Gabriel", last: "Côté", where: "CA-QC", title: "Financial Analyst", kind: "T4", start: "2025-08-25", pay: ["SALARY", 8_000_000] },
      {
        first: "Isabelle",
        last: "Pelletier",
        where: "CA-QC",
        title: "Financial Translation Consultant",
        kind: "T4A",
        start: "2025-03-10",
        end: "2026-03-31",
        endReason: "Contract completed",
        pay: ["FIXED_FEE", 280_000],
      },
    ],
  },
];
