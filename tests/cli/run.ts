/** Run the CLI in-process and capture what it prints. */
import { main } from '../../src/cli.ts';

/** Exit code and captured output of one CLI run. */
export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `nianbao …args` with console output captured; env entries are set for the run only. */
export async function run(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  console.log = (...a: unknown[]) => void out.push(a.map(String).join(' '));
  console.error = (...a: unknown[]) => void err.push(a.map(String).join(' '));
  set(env);
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    set(saved);
  }
}
