/**
 * The calendar vocabulary every module and both payroll engines share: ISO dates, pay frequencies, pay-period
 * generation, and the business-day calendars of the tax authorities. Pure: no clock (except `todayUtc`'s
 * default), no I/O.
 */
export * from "./iso-date";
export * from "./pay-frequency";
export * from "./pay-periods";
export * from "./business-days";
