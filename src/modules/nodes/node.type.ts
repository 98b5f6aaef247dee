import { Field, ID, InterfaceType } from "type-graphql";

/**
 * Relay's Global Object Identification: every object a normalized cache may refetch by id alone. Ids are the records'
 * UUIDs, unique across articles, authors and tags, so they stay what clients already store.
 */
// No resolveType of our own: type-graphql's default is a synchronous instanceof check over the implementing classes
// (the services return entities), where a given one would be wrapped in an async function.
@InterfaceType("Node", {
  description:
    "An object that can be refetched by its id alone with `node(id:)`; ids are unique across every Node type.",
})
export abstract class Node {
  @Field(() => ID, { description: "Stable identifier (a UUID)." })
  id!: string;
}
