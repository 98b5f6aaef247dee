import { Initial1795873047248 } from "./1795873047248-Initial";

/** Every migration, in order. `npm run migration:generate -- migrations/<Name>` writes a new one; list it here. */
export const migrations: Function[] = [Initial1795873047248];
