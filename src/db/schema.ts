// Every table, in one list: drizzle-kit's entry (drizzle.config.ts) and the code that needs all of them (seed,
// tests). Tables live in their modules. This is the one file under src/db that imports modules: src/db/client.ts
// and the rest of src/db must not (the Db type carries no tables).
export * from "./enums";
export * from "../modules/employers/employer.table";
export * from "../modules/clients/client.table";
export * from "../modules/workers/worker.table";
export * from "../modules/engagements/engagement.table";
export * from "../modules/pay-schedules/pay-schedule.table";
export * from "../modules/payroll/payroll.table";
export * from "../modules/time-entries/time-entry.table";
export * from "../modules/remittances/remittance.table";
export * from "../modules/msa/msa.table";
export * from "../modules/events/event.table";
export * from "../rate-limit/rate-limit-bucket.table";
export * from "../idempotency/idempotency.table";
export * from "../modules/webhooks/webhook.table";
export * from "../modules/classification/classification.table";
export * from "../modules/benefits/benefit.table";
export * from "../modules/offboarding/final-pay.table";
export * from "../modules/payment-methods/payment-method.table";
export * from "../modules/onboarding/onboarding.table";
