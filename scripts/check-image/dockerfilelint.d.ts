// dockerfilelint 1.8 ships no types: the one function the image check calls.
declare module "dockerfilelint" {
  interface Finding {
    line: number;
    category: string;
    title: string;
    rule: string;
  }
  /** Lints a Dockerfile's text; `configPath` is where it looks for a .dockerfilelintrc. */
  export function run(configPath: string, content: string): Finding[];
}
