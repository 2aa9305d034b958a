/** The part of Eleventy's programmatic API the build uses (the package ships no types). */
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; config?: (config: unknown) => void });
    write(): Promise<unknown>;
    /** Turns off Eleventy's console output (errors still reject write()). */
    disableLogger(): void;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
