/**
 * Canadian provincial withholding certificates described as data (engine/certificates.ts): the Quebec TP-1015.3
 * and any provincial TD1 whose claim the engine reads field by field. The federal and provincial TD1 totals are
 * `PaycheckInput.td1`, not forms here. A form added to this list appears in the graph's
 * `WithholdingCertificatesInput` and in `taxJurisdictions` without further wiring.
 */
import type { CertificateForm } from "../certificates";
import { TP1015_3_FORM } from "./quebec";

export const CA_CERTIFICATE_FORMS: readonly CertificateForm[] = [TP1015_3_FORM];
