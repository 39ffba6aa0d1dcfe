/**
 * Massachusetts income tax withholding by the Circular M percentage method, with the 4% surtax (tables in
 * ../tables/ma-withholding.ts).
 *
 * Regular wages (p. 12):
 *   1. subtract the FICA and Medicare withheld this period, within what is left of the $2,000 yearly cap — the
 *      amount already taken is recomputed from the year-to-date Social Security and Medicare wages (6.2% of them up to
 *      the wage base + 1.45%), since the engine keeps no separate year-to-date of this subtraction;
 *   2. subtract the exemption factor for the M-4 line 4 exemptions (none when 0);
 *   3–5. annualize, 5% up to $1,107,750 and 9% above (each part half-up to the cent), ÷ periods half-up;
 *   6–7. subtract the head-of-household and blindness values, floor 0.
 *   No withholding when one or more exemptions are claimed and the wages are below the low-wage threshold.
 * Supplemental wages (section G): 5% of the payment, or — when the payment + the annualized net regular wages of
 *   step 3 + the year's earlier supplemental payments exceed $1,107,750 — the lesser of 9% of the payment and 9% of
 *   the part above the threshold + 5% of the rest.
 * M-4 line 5 additional amount is added; box D (full-time student) → nothing withheld.
 * No M-4 on file → no exemptions ("If you do not file a certificate, your employer must withhold on the basis of no
 * exemptions", Form M-4); the line says so.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0, minBig } from "../money";
import { FICA } from "../tables/fica";
import { MA_WITHHOLDING, type MaWithholdingEdition } from "../tables/ma-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

export const M_4: CertificateForm = {
  key: "m4",
  title: "M-4",
  jurisdictions: ["US-MA"],
  description: "Massachusetts Form M-4, Employee's Withholding Exemption Certificate (MA DOR). Without one, Massachusetts withholds on the basis of no exemptions.",
  fields: [
    { name: "exemptions", type: { kind: "COUNT", max: 99 }, description: "M-4 line 4: total exemptions (a claimed spouse counts as 4). Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "M-4 line 5: additional withholding each pay period, cents. Default 0." },
    { name: "headOfHousehold", type: { kind: "BOOLEAN" }, description: "M-4 box A: will file as head of household. Default false." },
    { name: "blind", type: { kind: "BOOLEAN" }, description: "M-4 box B: the employee is blind. Default false." },
    { name: "spouseBlind", type: { kind: "BOOLEAN" }, description: "M-4 box C: the spouse is blind (and not claimed elsewhere). Default false." },
    { name: "fullTimeStudent", type: { kind: "BOOLEAN" }, description: "M-4 box D: full-time student with income of $8,000 or less; nothing is withheld. Default false." },
  ],
};

/** Steps 4: the annual tax of annualized net wages, with the surtax above the threshold. */
export function maAnnualTax(edition: MaWithholdingEdition, annual: bigint): bigint {
  if (annual <= edition.surtaxThreshold) return applyRate(annual, edition.rate);
  return applyRate(annual - edition.surtaxThreshold, edition.surtaxRate) + applyRate(edition.surtaxThreshold, edition.rate);
}

/** Section G, steps 4–6: withholding on a supplemental payment (cents). */
export function maSupplemental(edition: MaWithholdingEdition, payment: bigint, annualizedNetRegular: bigint, priorSupplemental: bigint): bigint {
  if (payment <= 0n) return 0n;
  const total = payment + annualizedNetRegular + priorSupplemental;
  if (total <= edition.surtaxThreshold) return applyRate(payment, edition.rate);
  const above = minBig(payment, total - edition.surtaxThreshold);
  const split = applyRate(above, edition.surtaxRate) + applyRate(payment - above, edition.rate);
  return minBig(applyRate(payment, edition.surtaxRate), split);
}

export function computeMassachusetts(ctx: UsPayContext): Computed {
  const edition = MA_WITHHOLDING[ctx.taxYear];
  const fica = FICA[ctx.taxYear];
  if (!edition || !fica) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `Massachusetts withholding for ${ctx.taxYear} is not computed: Circular M for ${ctx.taxYear} is not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(M_4, ctx);
  const exemptions = cert.count("exemptions", 0);
  const extra = cert.money("additionalWithholding");
  const hoh = cert.boolean("headOfHousehold", false);
  const blindCount = (cert.boolean("blind", false) ? 1 : 0) + (cert.boolean("spouseBlind", false) ? 1 : 0);
  const student = cert.boolean("fullTimeStudent", false);
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const regular = ctx.taxable.stateIncome.regular;
  const supplemental = ctx.taxable.stateIncome.supplemental;
  const wages = regular + supplemental;
  if (student) return { lines: [employeeTax("US_MA_SIT", "Massachusetts income tax: none, full-time student (M-4 box D)", 0n, wages)], blockers: [] };

  // Step 1: FICA/Medicare of this period within the $2,000 yearly cap.
  const exemptFrom = ctx.input.exemptions ?? [];
  const ssRoomBefore = max0(fica.socialSecurityWageBase - ctx.ytd.socialSecurityWages);
  const ficaBefore = exemptFrom.includes("SOCIAL_SECURITY") ? 0n : applyRate(minBig(ctx.ytd.socialSecurityWages, fica.socialSecurityWageBase), fica.socialSecurityEmployee);
  const medicareBefore = exemptFrom.includes("MEDICARE") ? 0n : applyRate(ctx.ytd.medicareWages, fica.medicareEmployee);
  const ficaNow =
    (exemptFrom.includes("SOCIAL_SECURITY") ? 0n : applyRate(minBig(ctx.taxable.socialSecurity, ssRoomBefore), fica.socialSecurityEmployee)) +
    (exemptFrom.includes("MEDICARE") ? 0n : applyRate(ctx.taxable.medicare, fica.medicareEmployee));
  const step1 = minBig(ficaNow, max0(edition.ficaDeductionCap - ficaBefore - medicareBefore));

  // Step 2 and the low-wage threshold.
  const f = edition.exemptionFactor[ctx.payFrequency];
  const exemptionFactor = exemptions > 0 ? f.perExemption * BigInt(exemptions) + f.base : 0n;
  const belowFloor = exemptions > 0 && regular < edition.noWithholdingBelow[ctx.payFrequency];
  const net = max0(regular - step1 - exemptionFactor);
  const annualNet = net * ctx.periodsPerYear;
  let regularTax = divideHalfUp(maAnnualTax(edition, annualNet), ctx.periodsPerYear);
  if (hoh) regularTax -= edition.headOfHousehold[ctx.payFrequency];
  regularTax -= edition.blindness[ctx.payFrequency] * BigInt(blindCount);
  regularTax = belowFloor ? 0n : max0(regularTax);

  const bonusTax = maSupplemental(edition, supplemental, annualNet, ctx.ytd.supplementalWages);
  const who = cert.onFile
    ? `M-4 ${exemptions} exemptions${hoh ? ", head of household" : ""}${blindCount > 0 ? `, ${blindCount} blind` : ""}`
    : "no M-4 on file: no exemptions (Form M-4)";
  const parts = [
    belowFloor
      ? `regular wages below the ${formatUsd(edition.noWithholdingBelow[ctx.payFrequency])} threshold: $0.00`
      : `${formatUsd(regular)} − ${formatUsd(step1)} FICA (of the $2,000 cap) − ${formatUsd(exemptionFactor)} exemptions = ${formatUsd(net)}, annualized at 5% (9% above $1,107,750): ${formatUsd(regularTax)}`,
    who,
  ];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} by section G: ${formatUsd(bonusTax)}`);
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (M-4 line 5)`);
  return { lines: [employeeTax("US_MA_SIT", `Massachusetts income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax + extra, wages)], blockers: [] };
}

export const massachusetts: UsStateModule = {
  state: "MA",
  compute: computeMassachusetts,
  certificate: M_4,
  coverage: [
    {
      jurisdiction: "US-MA",
      status: "COMPUTED",
      taxYears: Object.keys(MA_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_MA_SIT", kind: "EMPLOYEE_TAX", where: "US-MA", meaning: "Massachusetts income tax (Circular M percentage method, 4% surtax)" }],
      sources: Object.values(MA_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the Circular M percentage method with the 4% surtax and section G for bonuses, with the M-4 (2026; 2025 is a MISSING_TAX_TABLE blocker). No local income taxes.",
    },
  ],
};
