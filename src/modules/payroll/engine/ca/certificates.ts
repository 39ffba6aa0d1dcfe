import type { CertificateForm } from "../certificates";
import { TP1015_3_FORM } from "./quebec";

/**
 * The provincial withholding certificates the Canadian engine reads. The provincial TD1 claim amounts travel in
 * `PaycheckInput.td1` (one total claim amount, like the federal TD1); Quebec's own return is the TP-1015.3.
 */
export const CA_CERTIFICATE_FORMS: readonly CertificateForm[] = [TP1015_3_FORM];
