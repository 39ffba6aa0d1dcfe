/**
 * Employee-paid (and employer-paid) state programs, by work state (see program-module.ts). A state may have several.
 * A program runs only for a state the engine supports (states/index.ts): the others are UNSUPPORTED_TAX_JURISDICTION.
 */
import { alaskaUnemployment } from "./alaska";
import { newJerseyFli, newJerseyTdi, newJerseyUi } from "./new-jersey";
import { newYorkPfl, newYorkSdi } from "./new-york";
import { coloradoFamli, connecticutPaidLeave, districtOfColumbiaPfl, hawaiiTdi, massachusettsPfml, rhodeIslandTdi } from "./paid-leave";
import type { UsProgramModule } from "./program-module";
import { washingtonPaidLeave } from "./washington";

export const US_PROGRAM_MODULES: readonly UsProgramModule[] = [
  washingtonPaidLeave,
  alaskaUnemployment,
  newYorkSdi,
  newYorkPfl,
  newJerseyTdi,
  newJerseyFli,
  newJerseyUi,
  massachusettsPfml,
  coloradoFamli,
  rhodeIslandTdi,
  connecticutPaidLeave,
  districtOfColumbiaPfl,
  hawaiiTdi,
];
