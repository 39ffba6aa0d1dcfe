// Every table, for drizzle-kit and for typed queries. Tables live in their modules.
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
