import { business } from "./business";
import { climate } from "./climate";
import { culture } from "./culture";
import { education } from "./education";
import { energy } from "./energy";
import { health } from "./health";
import { housing } from "./housing";
import { politics } from "./politics";
import { science } from "./science";
import { sports } from "./sports";
import { technology } from "./technology";
import { transport } from "./transport";
import type { TopicGroup } from "./types";

/** Every topic of the demo content, in the order articles are composed. */
export const topics: TopicGroup[] = [
  politics,
  climate,
  technology,
  business,
  health,
  science,
  sports,
  culture,
  education,
  transport,
  housing,
  energy,
];
