/**
 * Turns stored rows into the checklist's facts (pure), the same way for the graph (`Engagement.onboarding`) and for
 * the payroll run's inputs, so the two can never disagree about what is missing.
 */
import type { ChecklistFacts, OnboardingItemCode, RecordedStepStatus } from "./onboarding.rules";

export interface AgreementFactRow {
  status: "SENT" | "SIGNED" | "SUPERSEDED";
  sentOn: string;
  signedOn: string | null;
}

export interface StepFactRow {
  item: OnboardingItemCode;
  status: RecordedStepStatus;
  completedOn: string | null;
  expiresOn: string | null;
}

export interface WorkerFactRow {
  w4FilingStatus: string | null;
  td1FederalClaimAmount: number | null;
  td1ProvincialClaimAmount: number | null;
}

/** The agreement that counts: a SIGNED one (the latest signature) over a SENT one; superseded ones never count. */
export function agreementFactOf(rows: readonly AgreementFactRow[]): ChecklistFacts["agreement"] {
  let signed: AgreementFactRow | null = null;
  let sent: AgreementFactRow | null = null;
  for (const row of rows) {
    if (row.status === "SIGNED" && (signed === null || (row.signedOn ?? "") >= (signed.signedOn ?? ""))) signed = row;
    else if (row.status === "SENT" && (sent === null || row.sentOn >= sent.sentOn)) sent = row;
  }
  const chosen = signed ?? sent;
  return chosen === null ? null : { status: chosen.status as "SENT" | "SIGNED", sentOn: chosen.sentOn, signedOn: chosen.signedOn };
}

export function stepsFactOf(rows: readonly StepFactRow[]): ChecklistFacts["steps"] {
  const steps: ChecklistFacts["steps"] = {};
  for (const row of rows) steps[row.item] = { status: row.status, completedOn: row.completedOn, expiresOn: row.expiresOn };
  return steps;
}

export function workerFactOf(worker: WorkerFactRow | undefined | null): ChecklistFacts["worker"] {
  return {
    hasW4: worker?.w4FilingStatus != null,
    hasTd1Federal: worker?.td1FederalClaimAmount != null,
    hasTd1Provincial: worker?.td1ProvincialClaimAmount != null,
  };
}
