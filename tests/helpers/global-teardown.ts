import type { RunningPostgres } from "../../src/database/embedded-postgres";
import { dropDatabase, templateDatabase } from "./test-database";

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(templateDatabase());
  await (globalThis as { bylineTestPostgres?: RunningPostgres }).bylineTestPostgres?.stop();
}
