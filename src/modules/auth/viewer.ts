import { registerEnumType } from "type-graphql";

export enum Role {
  EDITOR = "EDITOR",
  ADMIN = "ADMIN",
}
registerEnumType(Role, {
  name: "Role",
  description: "What an API key may do. Anonymous readers need no key.",
  valuesConfig: {
    EDITOR: { description: "Articles, tags, related links; sees drafts and scheduled articles." },
    ADMIN: { description: "Everything an editor may do, plus authors." },
  },
});

/** Who is asking: an anonymous reader, or the holder of an API key. */
export class Viewer {
  private constructor(
    readonly role: Role | null,
    /** Name of the API key (for revisions), never the key itself. */
    readonly keyName: string | null,
  ) {}

  static readonly anonymous = new Viewer(null, null);

  static withKey(role: Role, keyName: string): Viewer {
    return new Viewer(role, keyName);
  }

  get isEditor(): boolean {
    return this.role !== null;
  }

  /** ADMIN includes every EDITOR right. */
  has(role: Role): boolean {
    return this.role === Role.ADMIN || this.role === role;
  }
}
