// Monaco starts a web worker per language service. GraphiQL's own setup-workers modules load them from esm.sh or
// rely on a bundler's `?worker` syntax; here each worker is its own esbuild entry point, served beside this bundle.
// Must run before the first editor is created, so main.tsx imports this module first.

const workerUrl = (file: string): URL => new URL(file, import.meta.url);

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    switch (label) {
      case "json":
        return new Worker(workerUrl(SANDBOX_WORKERS.json), { name: "json" });
      case "graphql":
        return new Worker(workerUrl(SANDBOX_WORKERS.graphql), { name: "graphql" });
      default:
        return new Worker(workerUrl(SANDBOX_WORKERS.editor), { name: label });
    }
  },
};
