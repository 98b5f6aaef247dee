/**
 * The floor's reference: a bare Express 5 + Apollo Server 5 with a one-field schema, default options, no plugins of
 * its own. Listens on 127.0.0.1:<PORT or a free port>, prints `BARE_URL=...` when ready. Used by bench/floor.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";

async function main(): Promise<void> {
  const apollo = new ApolloServer({
    typeDefs: "type Query { hello: String }",
    resolvers: { Query: { hello: () => "hi" } },
  });
  await apollo.start();
  const app = express();
  app.use("/graphql", express.json(), expressMiddleware(apollo));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
  console.log(`BARE_URL=http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  const stop = () => server.close(() => void apollo.stop().then(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();
