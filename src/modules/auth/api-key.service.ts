import { createHash, randomBytes } from "node:crypto";

import { type DataSource, IsNull } from "typeorm";

import { ApiKey } from "./api-key.entity";
import { type Role, Viewer } from "./viewer";

const KEY_PREFIX = "byl_";
const KEY_FORMAT = /^byl_[A-Za-z0-9_-]{43}$/;

/** Keys are 256 random bits, so a fast hash is enough: nothing to brute-force, nothing stored that could be replayed. */
const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a key and returns it in clear, the only time it is ever available. */
  async create(name: string, role: Role): Promise<{ key: string; record: ApiKey }> {
    const key = KEY_PREFIX + randomBytes(32).toString("base64url");
    const repository = this.dataSource.getRepository(ApiKey);
    const record = await repository.save(
      repository.create({ name, role, keyHash: hashKey(key), prefix: key.slice(0, 10), revokedAt: null }),
    );
    return { key, record };
  }

  /** Revokes a key by id or by its prefix; returns how many keys were revoked. */
  async revoke(idOrPrefix: string): Promise<number> {
    const column = /^[0-9a-f-]{36}$/i.test(idOrPrefix) ? "id" : "prefix";
    const result = await this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => "now()" })
      .where(`${column} = :value AND revoked_at IS NULL`, { value: idOrPrefix })
      .execute();
    return result.affected ?? 0;
  }

  list(): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ order: { createdAt: "ASC" } });
  }

  /** The viewer a presented key stands for, or null when it is malformed, unknown or revoked. */
  async authenticate(key: string): Promise<Viewer | null> {
    if (!KEY_FORMAT.test(key)) return null;
    const record = await this.dataSource
      .getRepository(ApiKey)
      .findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    return record ? Viewer.withKey(record.role, record.name) : null;
  }
}
