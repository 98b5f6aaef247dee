import {
  Arg,
  Args,
  Authorized,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";

import { IdArgs } from "../../common/id.args";
import { type Connection, connectionTypes } from "../../common/pagination";
import { Role } from "../auth/viewer";
import { Webhook, WebhookDelivery } from "./webhook.entity";
import { CreateWebhookInput, DeliveryPageArgs, UpdateWebhookInput } from "./webhook.inputs";
import type { WebhookService, WebhookWithSecret } from "./webhook.service";

export const { ConnectionType: WebhookDeliveryConnection } = connectionTypes(
  WebhookDelivery,
  "WebhookDelivery",
  "webhook delivery",
);

@ObjectType("WebhookWithSecret", {
  description: "A webhook and its signing secret, shown only now.",
  simpleResolvers: true,
})
export class WebhookWithSecretType implements WebhookWithSecret {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field({
    description:
      "`whsec_` + base64 key bytes (Standard Webhooks): verify `webhook-signature` with it. Not readable again.",
  })
  secret!: string;
}

/** Admins register webhooks and read their deliveries. */
@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Authorized(Role.ADMIN)
  @Query(() => [Webhook], { description: "Every webhook, oldest first. Admins." })
  webhooks(): Promise<Webhook[]> {
    return this.service.list();
  }

  @Authorized(Role.ADMIN)
  @Query(() => Webhook, { nullable: true, description: "One webhook, or null. Admins." })
  webhook(@Args() { id }: IdArgs): Promise<Webhook | null> {
    return this.service.get(id);
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => WebhookDeliveryConnection, { description: "Its deliveries, newest first. Admins." })
  deliveries(
    @Root() webhook: Webhook,
    @Args() { first, after }: DeliveryPageArgs,
  ): Promise<Connection<WebhookDelivery>> {
    return this.service.deliveries(webhook.id, first, after);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookWithSecretType, { description: "Registers a webhook; answers its secret, once. Admins." })
  createWebhook(@Arg("input", () => CreateWebhookInput) input: CreateWebhookInput): Promise<WebhookWithSecret> {
    return this.service.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Webhook, { description: "Changes a webhook's URL, events or description. Admins." })
  updateWebhook(@Arg("input", () => UpdateWebhookInput) input: UpdateWebhookInput): Promise<Webhook> {
    return this.service.update(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, { description: "Deletes a webhook and its deliveries; returns its id. Admins." })
  deleteWebhook(@Args() { id }: IdArgs): Promise<string> {
    return this.service.delete(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookWithSecretType, {
    description: "Replaces a webhook's secret (the old one stops signing at once); answers the new one, once. Admins.",
  })
  rotateWebhookSecret(@Args() { id }: IdArgs): Promise<WebhookWithSecret> {
    return this.service.rotateSecret(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookDelivery, {
    description: "Sends a delivery again (pending, with a fresh count of tries), e.g. after it FAILED. Admins.",
  })
  redeliverWebhookDelivery(@Args() { id }: IdArgs): Promise<WebhookDelivery> {
    return this.service.redeliver(id);
  }
}
