import { Field, ObjectType, registerEnumType, Int } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { TaxJurisdictionEntry } from "../payroll/engine/tax-jurisdictions";

export enum TaxJurisdictionStatus {
  COMPUTED = "COMPUTED",
  PARTIAL = "PARTIAL",
  UNSUPPORTED = "UNSUPPORTED",
}
registerEnumType(TaxJurisdictionStatus, {
  name: "TaxJurisdictionStatus",
  description: "How much of a jurisdiction's payroll withholding the engine computes.",
  valuesConfig: {
    COMPUTED: { description: "Income tax withholding and the employee-paid programs listed are computed for the tax years listed." },
    PARTIAL: { description: "Some of it is computed; what is not (the note says) is a blocker on the statement, never a silent zero." },
    UNSUPPORTED: { description: "Income tax withholding is not computed: a hire's statements there carry an UNSUPPORTED_TAX_JURISDICTION blocker." },
  },
});

@ObjectType({
  description:
    "What the payroll engine computes in one jurisdiction: a US state or DC, a Canadian province or territory, or a locality whose tax the state makes employers withhold. Reference data, the same for every caller: show it to a client before a hire.",
})
export class TaxJurisdictionCoverage {
  @Field(() => String, { description: "ISO 3166-2 code (`US-NY`, `CA-QC`), or a locality under it (`US-NY-NYC`)." })
  jurisdiction!: string;

  @Field(() => TaxJurisdictionStatus, { description: "How much of the jurisdiction's withholding is computed." })
  status!: TaxJurisdictionStatus;

  @MaxItems(LIST_LIMITS.taxJurisdictionYears)
  @Field(() => [Int], { description: `Tax years whose tables are transcribed (pay dates in other years are blockers). At most ${LIST_LIMITS.taxJurisdictionYears}.` })
  taxYears!: number[];

  @MaxItems(LIST_LIMITS.taxJurisdictionLineCodes)
  @Field(() => [String], {
    description: `Pay statement line codes the jurisdiction's withholding produces (\`US_NY_SIT\`, \`CA_ON_PIT\`, …; see \`PayStatementLine.code\`). At most ${LIST_LIMITS.taxJurisdictionLineCodes}.`,
  })
  lineCodes!: string[];

  @MaxItems(LIST_LIMITS.taxJurisdictionSources)
  @Field(() => [String], {
    description: `Publication, edition and page of every table used; two agreeing secondary sources are marked as such. At most ${LIST_LIMITS.taxJurisdictionSources}.`,
  })
  sources!: string[];

  @Field(() => String, { description: "What is and is not computed there, in a sentence or two." })
  note!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The field of `WithholdingCertificatesInput` holding the jurisdiction's withholding certificate (`de4` for US-CA); null when the jurisdiction reads none besides the federal W-4 or TD1.",
  })
  certificateForm!: string | null;

  @Field(() => String, { nullable: true, description: 'The certificate as the authority names it ("DE 4", "IL-W-4"); null when there is none.' })
  certificateTitle!: string | null;
}

export function toTaxJurisdictionCoverage(entry: TaxJurisdictionEntry): TaxJurisdictionCoverage {
  return Object.assign(new TaxJurisdictionCoverage(), {
    jurisdiction: entry.jurisdiction,
    status: entry.status as TaxJurisdictionStatus,
    taxYears: [...entry.taxYears],
    lineCodes: entry.lineCodes.map((c) => c.code),
    sources: [...entry.sources],
    note: entry.note,
    certificateForm: entry.certificateForm?.key ?? null,
    certificateTitle: entry.certificateForm?.title ?? null,
  });
}
