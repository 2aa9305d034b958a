// Types of bin/compile.js (plain JavaScript: it runs at `npm ci`, before anything is compiled).

/** Where the compiled CLI is written (gitignored). */
export const DIST: string;
/** Whether `root`/dist holds a CLI made from exactly the sources now present. */
export function compiledIsCurrent(root?: string): boolean;
/** Each worker task module's compiled file (relative to the project root) by its source path, while dist/ is current; else undefined. */
export function compiledTasks(root?: string): Readonly<Record<string, string>> | undefined;
/** Compile `root`/src/cli.ts into `root`/dist; resolves to the number of source files. */
export function compile(root?: string): Promise<number>;
