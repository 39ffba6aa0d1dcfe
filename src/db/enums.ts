import { pgEnum } from "drizzle-orm/pg-core";

// Database enums: the GraphQL enums in each module mirror these value lists exactly.
export const countryEnum = pgEnum("country", ["US", "CA"]);
export const clientStatusEnum = pgEnum("client_status", ["ACTIVE", "SUSPENDED"]);
export const workerStatusEnum = pgEnum("worker_status", ["ACTIVE", "INACTIVE"]);
export const engagementStatusEnum = pgEnum("engagement_status", ["PENDING", "ACTIVE", "ENDED"]);
export const employmentModelEnum = pgEnum("employment_model", ["EOR", "PEO"]);
export const classificationEnum = pgEnum("classification", [
  "US_W2_EMPLOYEE",
  "US_1099_CONTRACTOR",
  "CA_T4_EMPLOYEE",
  "CA_T4A_CONTRACTOR",
]);
export const compensationBasisEnum = pgEnum("compensation_basis", ["SALARY", "HOURLY", "FIXED_FEE"]);
export const payFrequencyEnum = pgEnum("pay_frequency", ["WEEKLY", "BIWEEKLY", "SEMIMONTHLY", "MONTHLY"]);
export const payrollRunStatusEnum = pgEnum("payroll_run_status", [
  "DRAFT",
  "CALCULATING",
  "CALCULATED",
  "APPROVED",
  "FUNDED",
  "PAYING",
  "PAID",
  "PARTIALLY_PAID",
  "FAILED",
  "CANCELLED",
  "REVERSED",
]);
export const payrollRunKindEnum = pgEnum("payroll_run_kind", ["REGULAR", "OFF_CYCLE"]);
export const statementLineKindEnum = pgEnum("statement_line_kind", [
  "EARNING",
  "EMPLOYEE_TAX",
  "EMPLOYER_TAX",
  "DEDUCTION",
  "REIMBURSEMENT",
]);
export const remittanceKindEnum = pgEnum("remittance_kind", ["TAX", "NET_PAY", "CONTRACTOR_PAYMENT"]);
export const remittanceStatusEnum = pgEnum("remittance_status", ["SCHEDULED", "SUBMITTED", "CONFIRMED", "FAILED"]);
export const msaStatusEnum = pgEnum("msa_status", ["DRAFT", "ACTIVE", "SUPERSEDED"]);
export const responsiblePartyEnum = pgEnum("responsible_party", ["EOR", "CLIENT", "SHARED"]);
export const responsibilityCategoryEnum = pgEnum("responsibility_category", [
  "PAYROLL_PROCESSING",
  "PAYROLL_APPROVAL",
  "TAX_WITHHOLDING",
  "TAX_REMITTANCE",
  "REGULATORY_FILINGS",
  "BENEFITS_ADMINISTRATION",
  "EMPLOYMENT_CONTRACTS",
  "WORKER_CLASSIFICATION",
  "DAY_TO_DAY_SUPERVISION",
  "TIME_TRACKING_APPROVAL",
  "EXPENSE_REIMBURSEMENT",
  "WORKPLACE_SAFETY",
  "TERMINATION",
]);
export const filingStatusEnum = pgEnum("w4_filing_status", ["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"]);
export const actorKindEnum = pgEnum("actor_kind", ["OPERATOR", "CLIENT", "PARTNER", "SYSTEM"]);
export const timeEntryTypeEnum = pgEnum("time_entry_type", ["REGULAR", "OVERTIME", "PTO"]);
export const oneOffEarningKindEnum = pgEnum("one_off_earning_kind", ["BONUS", "REIMBURSEMENT"]);
