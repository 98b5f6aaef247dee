import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

import { Role } from "./viewer";

/** An API key for editors and admins. Only a SHA-256 hash of the key is stored; the key is shown once, at creation. */
@Entity("api_keys")
@Index("api_keys_key_hash_key", ["keyHash"], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** Who or what holds the key, e.g. "newsroom-cms"; recorded on the revisions it makes. */
  @Column({ type: "text" })
  name!: string;

  @Column({ type: "enum", enum: Role, enumName: "api_key_role" })
  role!: Role;

  @Column({ type: "text" })
  keyHash!: string;

  /** The key's first characters, to tell keys apart in listings without revealing them. */
  @Column({ type: "text" })
  prefix!: string;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Column({ type: "timestamptz", precision: 3, nullable: true })
  revokedAt!: Date | null;
}
