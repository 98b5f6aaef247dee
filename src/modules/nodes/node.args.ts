import { ArgsType, Field, ID } from "type-graphql";

/** At most this many ids per `nodes(ids:)`: the answer's size and its statements' parameters stay bounded. */
export const MAX_NODE_IDS = 100;

@ArgsType()
export class NodeArgs {
  @Field(() => ID, { description: "The object's id (a UUID)." })
  id!: string;
}

@ArgsType()
export class NodesArgs {
  @Field(() => [ID], { description: `The objects' ids (UUIDs), at most ${MAX_NODE_IDS}.` })
  ids!: string[];
}
