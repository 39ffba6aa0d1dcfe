import type { Context } from "../../context";
import { employerRepository } from "./employer.repository";
import { employerEntityById } from "./employer.loaders";
import { toEmployerEntity } from "./employer.type";

/**
 * Reads of the EOR's employer entities. No scope: they are the EOR's public registrations, not client data;
 * authentication (checked for every request) is enough.
 */
export class EmployerService {
  constructor(private readonly ctx: Context) {}

  async list() {
    const rows = await employerRepository.all(this.ctx.db);
    return rows.map(toEmployerEntity);
  }

  async byId(id: string) {
    const row = await this.ctx.loaders.get(employerEntityById).load(id);
    return row ? toEmployerEntity(row) : null;
  }
}
