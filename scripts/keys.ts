import "reflect-metadata";

import { parseArgs } from "node:util";

import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database/database";
import { ApiKeyService } from "../src/modules/auth/api-key.service";
import { Role } from "../src/modules/auth/viewer";

const USAGE = `Manage API keys (DATABASE_URL, or the embedded database — running or not):
  npm run keys -- create --name <who> --role EDITOR|ADMIN   prints the new key once
  npm run keys -- list                                        keys with prefix, role and state (never the key)
  npm run keys -- revoke <id or prefix>`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, role: { type: "string" }, help: { type: "boolean" } },
  });
  const [command, target] = positionals;
  if (values.help || !command) return console.log(USAGE);

  const config = loadConfig();
  const database = await openDatabase(config, {
    poolMax: 1,
    timeouts: config.dbTimeouts,
    applicationName: "byline-keys",
    reuseRunning: true,
    migrate: true,
  });
  try {
    const keys = new ApiKeyService(database.dataSource);
    switch (command) {
      case "create": {
        const role = values.role?.toUpperCase();
        if (!values.name || (role !== Role.EDITOR && role !== Role.ADMIN)) throw new Error(USAGE);
        const { key, record } = await keys.create(values.name, role);
        console.log(
          `Created ${record.role} key "${record.name}" (id ${record.id}). Store it now; it is not shown again:\n`,
        );
        console.log(key);
        break;
      }
      case "list":
        for (const key of await keys.list()) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
          console.log(`${key.id}  ${key.prefix}…  ${key.role.padEnd(6)}  ${state.padEnd(32)}  ${key.name}`);
        }
        break;
      case "revoke": {
        if (!target) throw new Error(USAGE);
        const revoked = await keys.revoke(target);
        if (revoked === 0) throw new Error(`No active key with id or prefix "${target}".`);
        console.log(`Revoked ${revoked} key(s).`);
        break;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
