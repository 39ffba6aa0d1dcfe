import type { responsibilityCategoryEnum, responsiblePartyEnum } from "../db/enums";
import type { DemoClientKey } from "./demo-roster";

/**
 * The demo clients' Master Service Agreements. A clause with jurisdictions applies only there; one without
 * applies everywhere. Where clauses share a category, they are written so that the most specific one
 * (subdivision, then country, then all jurisdictions) is the one meant for a work jurisdiction.
 */

type Category = (typeof responsibilityCategoryEnum.enumValues)[number];
type Party = (typeof responsiblePartyEnum.enumValues)[number];

export interface DemoClauseSpec {
  category: Category;
  party: Party;
  jurisdictions?: readonly string[];
  title: string;
  text: string;
}

export interface DemoMsaSpec {
  client: DemoClientKey;
  versionNumber: number;
  title: string;
  status: "ACTIVE" | "SUPERSEDED";
  effectiveFrom: string;
  effectiveTo?: string;
  clauses: readonly DemoClauseSpec[];
}

/** What the EOR, as the legal employer, does for every client. */
const EMPLOYER_OF_RECORD: readonly DemoClauseSpec[] = [
  {
    category: "PAYROLL_PROCESSING",
    party: "EOR",
    title: "Payroll processing",
    text: "The EOR calculates gross-to-net pay for every engagement on the agreed pay schedules and pays workers on each pay date.",
  },
  {
    category: "TAX_WITHHOLDING",
    party: "EOR",
    title: "Tax withholding",
    text: "The EOR withholds income taxes and employee payroll contributions (FICA; CPP/QPP, EI, QPIP) from each payment as the law of the work jurisdiction requires.",
  },
  {
    category: "TAX_REMITTANCE",
    party: "EOR",
    title: "Tax remittance",
    text: "The EOR remits withheld and employer taxes to the IRS, the state agencies, the CRA and Revenu Québec by each authority's deposit deadline.",
  },
  {
    category: "REGULATORY_FILINGS",
    party: "EOR",
    title: "Regulatory filings",
    text: "The EOR files payroll tax returns and year-end information returns (Forms 941, W-2 and 1099-NEC; T4 and T4A slips) under its own registrations.",
  },
  {
    category: "EMPLOYMENT_CONTRACTS",
    party: "EOR",
    title: "Employment and contractor agreements",
    text: "The EOR issues and signs employment agreements and independent contractor agreements as the engaging party.",
  },
  {
    category: "WORKER_CLASSIFICATION",
    party: "EOR",
    title: "Worker classification",
    text: "The EOR decides whether an engagement is employment or an independent contract under the law of the work jurisdiction and may refuse a contractor engagement.",
  },
];

/** What the client, directing the work, does. */
const CLIENT_DIRECTS_THE_WORK: readonly DemoClauseSpec[] = [
  {
    category: "DAY_TO_DAY_SUPERVISION",
    party: "CLIENT",
    title: "Day-to-day supervision",
    text: "The Client directs and supervises the daily work, schedules and deliverables of every worker.",
  },
  { category: "TIME_TRACKING_APPROVAL", party: "CLIENT", title: "Time approval", text: "The Client approves the hours of hourly employees before each payroll cut-off." },
  {
    category: "WORKPLACE_SAFETY",
    party: "CLIENT",
    title: "Workplace safety",
    text: "The Client provides a safe workplace and reports any workplace injury or incident to the EOR within 24 hours.",
  },
  {
    category: "TERMINATION",
    party: "SHARED",
    title: "Termination",
    text: "The Client initiates a termination; the EOR reviews it for legal compliance, gives the required notice and pays final wages.",
  },
];

const QUEBEC_TERMINATION: DemoClauseSpec = {
  category: "TERMINATION",
  party: "EOR",
  jurisdictions: ["CA-QC"],
  title: "Termination in Quebec",
  text: "In Quebec the EOR gives the written notice required by the Act respecting labour standards and issues the Record of Employment.",
};

export const DEMO_MSAS: readonly DemoMsaSpec[] = [
  {
    client: "northwind",
    versionNumber: 1,
    title: "Northwind Robotics Master Service Agreement 2025",
    status: "SUPERSEDED",
    effectiveFrom: "2025-01-01",
    effectiveTo: "2025-12-31",
    clauses: [
      ...EMPLOYER_OF_RECORD,
      ...CLIENT_DIRECTS_THE_WORK,
      {
        category: "PAYROLL_APPROVAL",
        party: "SHARED",
        title: "Payroll approval",
        text: "The Client and the EOR's payroll team both approve each payroll run before it is funded.",
      },
      { category: "BENEFITS_ADMINISTRATION", party: "EOR", title: "Benefits administration", text: "The EOR administers benefits eligibility and enrolment under its own plans." },
      { category: "EXPENSE_REIMBURSEMENT", party: "CLIENT", title: "Expense reimbursement", text: "The Client reimburses business expenses directly to workers." },
    ],
  },
  {
    client: "northwind",
    versionNumber: 2,
    title: "Northwind Robotics Master Service Agreement 2026",
    status: "ACTIVE",
    effectiveFrom: "2026-01-01",
    clauses: [
      ...EMPLOYER_OF_RECORD,
      ...CLIENT_DIRECTS_THE_WORK,
      { category: "PAYROLL_APPROVAL", party: "CLIENT", title: "Payroll approval", text: "The Client approves each payroll run before the EOR funds it." },
      { category: "BENEFITS_ADMINISTRATION", party: "EOR", title: "Benefits administration", text: "The EOR administers benefits eligibility and enrolment under its own plans." },
      {
        category: "EXPENSE_REIMBURSEMENT",
        party: "SHARED",
        title: "Expense reimbursement",
        text: "The Client approves business expenses; the EOR reimburses approved expenses through payroll.",
      },
      {
        category: "WORKPLACE_SAFETY",
        party: "SHARED",
        jurisdictions: ["US-CA"],
        title: "Injury and Illness Prevention Program",
        text: "In California the EOR maintains the written Injury and Illness Prevention Program required by Cal/OSHA; the Client carries it out at its sites.",
      },
      QUEBEC_TERMINATION,
    ],
  },
  {
    client: "summit",
    versionNumber: 1,
    title: "Summit Health Partners Master Service Agreement (PEO and EOR)",
    status: "ACTIVE",
    effectiveFrom: "2025-01-01",
    clauses: [
      ...EMPLOYER_OF_RECORD,
      ...CLIENT_DIRECTS_THE_WORK,
      {
        category: "PAYROLL_APPROVAL",
        party: "SHARED",
        title: "Payroll approval",
        text: "Summit's practice managers approve hours and the EOR's payroll team approves the run before it is funded.",
      },
      {
        category: "BENEFITS_ADMINISTRATION",
        party: "CLIENT",
        jurisdictions: ["US"],
        title: "Benefits under Summit's plans",
        text: "Co-employed staff are covered by Summit's own group health and retirement plans, which Summit administers.",
      },
      {
        category: "BENEFITS_ADMINISTRATION",
        party: "EOR",
        jurisdictions: ["US-CA"],
        title: "Benefits administration in California",
        text: "In California the EOR administers benefits eligibility, paid sick leave accrual and Cal-COBRA notices.",
      },
      { category: "EXPENSE_REIMBURSEMENT", party: "CLIENT", title: "Expense reimbursement", text: "Summit reimburses business expenses directly to workers." },
    ],
  },
  {
    client: "maple",
    versionNumber: 1,
    title: "Maple Ledger Inc. Master Service Agreement",
    status: "ACTIVE",
    effectiveFrom: "2025-01-01",
    clauses: [
      ...EMPLOYER_OF_RECORD,
      ...CLIENT_DIRECTS_THE_WORK,
      { category: "PAYROLL_APPROVAL", party: "CLIENT", title: "Payroll approval", text: "The Client approves each payroll run before the EOR funds it." },
      {
        category: "BENEFITS_ADMINISTRATION",
        party: "EOR",
        title: "Benefits administration",
        text: "The EOR administers group benefits eligibility and enrolment under its own plans.",
      },
      {
        category: "EXPENSE_REIMBURSEMENT",
        party: "SHARED",
        title: "Expense reimbursement",
        text: "The Client approves business expenses; the EOR reimburses approved expenses through payroll.",
      },
      {
        category: "WORKPLACE_SAFETY",
        party: "SHARED",
        jurisdictions: ["CA-ON", "CA-BC"],
        title: "Workers' compensation",
        text: "The EOR registers with and reports to the WSIB (Ontario) and WorkSafeBC; the Client keeps its premises safe and reports incidents within 24 hours.",
      },
      {
        category: "REGULATORY_FILINGS",
        party: "EOR",
        jurisdictions: ["CA-QC"],
        title: "Quebec filings",
        text: "For work in Quebec the EOR files RL-1 slips and the RLZ-1.S summary with Revenu Québec and makes the QPIP and CNESST declarations.",
      },
      {
        category: "EMPLOYMENT_CONTRACTS",
        party: "EOR",
        jurisdictions: ["CA-QC"],
        title: "Contracts in French",
        text: "Employment contracts for work in Quebec are issued in French, as the Charter of the French Language requires.",
      },
      QUEBEC_TERMINATION,
    ],
  },
];
