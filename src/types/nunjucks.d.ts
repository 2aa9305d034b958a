/** The part of the Nunjucks API the fast report renderer uses (Eleventy's copy ships no types). */
declare module 'nunjucks' {
  export class Loader {}
  export class FileSystemLoader extends Loader {
    constructor(paths: string | readonly string[], options?: { noCache?: boolean; watch?: boolean });
  }
  export class Environment {
    constructor(loader?: Loader, options?: { dev?: boolean; autoescape?: boolean });
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
  }
  export class Template {
    render(context: object): string;
  }
  export function compile(source: string, env: Environment, path?: string): Template;
  const nunjucks: { Environment: typeof Environment; FileSystemLoader: typeof FileSystemLoader; compile: typeof compile };
  export default nunjucks;
}
