/**
 * Employee-paid state programs, by work state (see program-module.ts). A state may have several.
 */
import { alaskaUnemployment } from "./alaska";
import type { UsProgramModule } from "./program-module";
import { washingtonPaidLeave } from "./washington";

export const US_PROGRAM_MODULES: readonly UsProgramModule[] = [washingtonPaidLeave, alaskaUnemployment];
