import { Args, Ctx, Query, Resolver } from "type-graphql";

import type { Context } from "../../graphql/context";
import { NodeArgs, NodesArgs } from "./node.args";
import type { NodeEntity, NodeService } from "./node.service";
import { Node } from "./node.type";

/** Relay's root fields: any Node refetched by its id. */
@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Node, {
    nullable: true,
    description: "The article, author or tag with this id; null when there is none you may see.",
  })
  node(@Args() { id }: NodeArgs, @Ctx() { viewer }: Context): Promise<NodeEntity | null> {
    return this.nodeService.find(viewer, id);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: "The objects with these ids, in their order; null in place of each that `node(id:)` would not answer.",
  })
  nodes(@Args() { ids }: NodesArgs, @Ctx() { viewer }: Context): Promise<Array<NodeEntity | null>> {
    return this.nodeService.findMany(viewer, ids);
  }
}
