import http from "node:http";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import type { DataSource } from "typeorm";

import { ErrorCode } from "./common/errors";
import type { Config } from "./config";
import { type StatementTally, withStatementTally } from "./database/statement-counter";
import { type Context, createLoaders, createServices } from "./graphql/context";
import { formatError } from "./graphql/format-error";
import { buildBylineSchema } from "./graphql/schema";
import { authenticate } from "./modules/auth/authenticate";
import { sandboxMiddleware } from "./sandbox/sandbox";

export interface BylineServer {
  app: express.Express;
  httpServer: http.Server;
  /** Stops accepting, lets in-flight requests finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  dataSource: DataSource;
  config: Pick<Config, "bodyLimitBytes" | "exposeSqlStatements" | "previewSecret" | "sandbox" | "sandboxAssetsDir">;
  log?: (message: string, error?: unknown) => void;
}

/** Builds the HTTP app (GraphQL at /graphql, probes at /healthz and /readyz) without listening. */
export async function createServer({ dataSource, config, log = console.error }: ServerOptions): Promise<BylineServer> {
  const services = createServices(dataSource, config);
  const schema = await buildBylineSchema(services);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, (e) => log("unexpected error", e)),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's own landing page loads from a CDN; Byline's sandbox is served offline instead.
      ApolloServerPluginLandingPageDisabled(),
      ...(config.exposeSqlStatements ? [statementCountHeader()] : []),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  // Before Apollo: a browser asking for /graphql gets the offline GraphiQL IDE (when enabled).
  app.use("/graphql", sandboxMiddleware({ enabled: config.sandbox, assetsDir: config.sandboxAssetsDir }));
  app.use(
    "/graphql",
    express.json({ limit: config.bodyLimitBytes }),
    (_req, res, next) => {
      // Everything below runs inside this request's tally, DataLoader batches included.
      const tally: StatementTally = { count: 0 };
      res.locals.statements = tally;
      withStatementTally(tally, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = await authenticate(req.headers.authorization, services.apiKeys);
        return {
          viewer,
          loaders: createLoaders(dataSource, services, viewer),
          statements: res.locals.statements as StatementTally,
        };
      },
    }),
  );
  app.use(httpErrors);

  return { app, httpServer, stop: () => apollo.stop() };
}

/** `X-SQL-Statements`: what the request cost in SQL statements (development aid; off in production by default). */
function statementCountHeader(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set("x-sql-statements", String(contextValue.statements?.count ?? 0));
        },
      };
    },
  };
}

/** Body parser and other HTTP-level failures: a coded JSON error, never an HTML page or a stack trace. */
const httpErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    status === 413 ? "Request body too large." : status < 500 ? "Malformed request body." : "Internal server error";
  const code = status < 500 ? "BAD_REQUEST" : ErrorCode.INTERNAL_SERVER_ERROR;
  if (status >= 500) console.error("unexpected HTTP error", error);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
