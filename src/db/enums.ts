import { pgEnum } from "drizzle-orm/pg-core";
import { PAY_FREQUENCIES } from "../shared/calendar/pay-frequency";
import { PAY_DATE_ADJUSTMENTS } from "../shared/calendar/business-days";
import { CLASSIFICATION_OUTCOMES, CLASSIFICATIONS, COMPENSATION_BASES } from "../shared/classification";
import { COUNTRIES } from "../shared/jurisdiction";
import { BENEFIT_KINDS } from "../shared/benefit-kind";

// Database enums: the GraphQL enum of the same meaning has exactly these values (test/unit/enums.test.ts checks
// every one). The vocabularies shared with the payroll engines are defined in src/shared and used here.
export const countryEnum = pgEnum("country", COUNTRIES);
export const clientStatusEnum = pgEnum("client_status", ["ACTIVE", "SUSPENDED"]);
export const workerStatusEnum = pgEnum("worker_status", ["ACTIVE", "INACTIVE"]);
export const engagementStatusEnum = pgEnum("engagement_status", ["PENDING", "ACTIVE", "ENDED"]);
export const employmentModelEnum = pgEnum("employment_model", ["EOR", "PEO"]);
export const classificationEnum = pgEnum("classification", CLASSIFICATIONS);
export const compensationBasisEnum = pgEnum("compensation_basis", COMPENSATION_BASES);
export const payFrequencyEnum = pgEnum("pay_frequency", PAY_FREQUENCIES);
export const payDateAdjustmentEnum = pgEnum("pay_date_adjustment", PAY_DATE_ADJUSTMENTS);
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
  "EMPLOYER_CONTRIBUTION",
  "IMPUTED_INCOME",
]);
export const remittanceKindEnum = pgEnum("remittance_kind", ["TAX", "NET_PAY", "CONTRACTOR_PAYMENT", "BENEFIT_CARRIER"]);
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
export const classificationOutcomeEnum = pgEnum("classification_outcome", CLASSIFICATION_OUTCOMES);
export const benefitKindEnum = pgEnum("benefit_kind", BENEFIT_KINDS);
export const benefitContributionMethodEnum = pgEnum("benefit_contribution_method", ["NONE", "FIXED_PER_PERIOD", "PERCENT_OF_GROSS", "MATCH"]);
export const benefitPlanStatusEnum = pgEnum("benefit_plan_status", ["ACTIVE", "RETIRED"]);
export const benefitEnrollmentStatusEnum = pgEnum("benefit_enrollment_status", ["ACTIVE", "SUPERSEDED", "ENDED"]);
export const benefitCoverageTierEnum = pgEnum("benefit_coverage_tier", ["EMPLOYEE_ONLY", "EMPLOYEE_SPOUSE", "EMPLOYEE_CHILDREN", "FAMILY"]);
export const paymentMethodKindEnum = pgEnum("payment_method_kind", ["BANK_ACCOUNT", "CHECK"]);
export const paymentMethodStatusEnum = pgEnum("payment_method_status", ["ACTIVE", "REPLACED", "REMOVED"]);
export const bankAccountTypeEnum = pgEnum("bank_account_type", ["CHECKING", "SAVINGS"]);
export const employmentAgreementStatusEnum = pgEnum("employment_agreement_status", ["SENT", "SIGNED", "SUPERSEDED"]);
export const onboardingItemEnum = pgEnum("onboarding_item", ["FEDERAL_WITHHOLDING_FORM", "STATE_WITHHOLDING_FORM", "PAYMENT_METHOD", "EMPLOYMENT_AGREEMENT", "WORK_AUTHORIZATION"]);
export const onboardingStepStatusEnum = pgEnum("onboarding_step_status", ["NOT_STARTED", "PENDING", "COMPLETE"]);
