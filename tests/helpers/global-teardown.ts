import type { RunningPostgres } from "../../src/database/embedded-postgres";
import { dropDatabase, TEMPLATE_DATABASE } from "./test-database";

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(TEMPLATE_DATABASE);
  await (globalThis as { bylineTestPostgres?: RunningPostgres }).bylineTestPostgres?.stop();
}
