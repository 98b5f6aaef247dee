import type { DataSource } from "typeorm";

import { Tag } from "./tag.entity";

export class TagService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every tag, by name. */
  all(): Promise<Tag[]> {
    return this.dataSource.getRepository(Tag).find({ order: { name: "ASC", id: "ASC" } });
  }
}
