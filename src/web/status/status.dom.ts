/// <reference lib="dom" />
/**
 * DOM building for the board: elements from a tag, attributes and children, text always set as text (never parsed as
 * HTML, so nothing the API returns can become markup), and the formats the board shows.
 */
import type { Money } from "./status.board";

type Child = Node | string | number | null | undefined | false;

/** `h("td", { class: "amount" }, "12.00")`: an element with string attributes (undefined ones left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "number" ? String(child) : child);
  }
  return element;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "$1,234.50", "CA$980.00": the API's decimal string formatted without going through a float. */
export function formatMoney(money: Money): string {
  let format = moneyFormats.get(money.currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: money.currency });
    moneyFormats.set(money.currency, format);
  }
  return format.format(money.amount as Intl.StringNumericLiteral);
}

const timeFormat = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

/** A `<time>` showing the local time of an instant (the full date and time as its title). */
export function timeElement(iso: string): HTMLTimeElement {
  const date = new Date(iso);
  return h("time", { datetime: iso, title: dateTimeFormat.format(date) }, timeFormat.format(date));
}

const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });

/** A `<time>` for a calendar date: "Fri 2026-03-13". */
export function dateElement(ymd: string): HTMLTimeElement {
  return h("time", { datetime: ymd }, `${weekday.format(new Date(`${ymd}T00:00:00Z`))} ${ymd}`);
}

/** A status as a labelled badge (the text says it; the colour only repeats it). */
export function statusBadge(status: string): HTMLSpanElement {
  return h("span", { class: `badge status-${status.toLowerCase()}`, "data-status": status }, status);
}

/** Words an enum value keeps in capitals. */
const ACRONYMS = new Set(["US", "CA", "EOR", "PEO", "W2", "W4", "T4", "T4A", "TD1", "1099", "IRS", "CRA", "RQ", "PTO"]);

/** `OFF_CYCLE` → "Off cycle"; `US_W2_EMPLOYEE` → "US W2 employee". */
export function humanize(value: string): string {
  return value
    .split("_")
    .map((word, i) => (ACRONYMS.has(word) ? word : i === 0 ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()))
    .join(" ");
}
