/** Worker file names (relative to the main bundle), defined by scripts/build-sandbox.mjs at build time. */
declare const SANDBOX_WORKERS: { editor: string; json: string; graphql: string };

/** The part of monaco-editor's global `Environment` used here (monaco-editor is a transitive dependency). */
// eslint-disable-next-line no-var -- a global declaration needs `var`
declare var MonacoEnvironment: { getWorker(workerId: string, label: string): Worker } | undefined;

declare module "*.css";
