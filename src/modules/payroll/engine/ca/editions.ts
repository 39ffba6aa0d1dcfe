import type { Edition } from "./tables/types";
import { EDITION_2025_JAN, EDITION_2025_JUL } from "./tables/y2025";
import { EDITION_2026_JAN } from "./tables/y2026";

/**
 * The T4127 edition that governs a pay date. CRA publishes a January edition each year and a July edition when
 * rates change mid-year; a pay date uses the latest edition in effect on that date.
 *
 * 2026: the 122nd edition (January 2026) is applied to every 2026 pay date. A July 2026 edition may carry
 * mid-year provincial changes; none was available to this implementation (see README), so none is applied.
 */
const EDITIONS: { from: string; to: string; edition: Edition }[] = [
  { from: "2025-01-01", to: "2025-06-30", edition: EDITION_2025_JAN },
  { from: "2025-07-01", to: "2025-12-31", edition: EDITION_2025_JUL },
  { from: "2026-01-01", to: "2026-12-31", edition: EDITION_2026_JAN },
];

/** Every edition carried, oldest first (the coverage table reads them). */
export const CA_EDITIONS: readonly Edition[] = EDITIONS.map((e) => e.edition);

export function editionFor(payDate: string): Edition | undefined {
  return EDITIONS.find((e) => payDate >= e.from && payDate <= e.to)?.edition;
}

export const SUPPORTED_PAY_DATES = `${EDITIONS[0].from} to ${EDITIONS[EDITIONS.length - 1].to}`;
