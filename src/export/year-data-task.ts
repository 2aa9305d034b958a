/**
 * Worker task: one or more years' all-agency downloads (CSV and XLSX), written on a thread of
 * their own while the main thread works out the rest of a small rebuild (src/build.ts): at
 * 40,000 reports a year of 20,000 rows is some 2.5 s of work.
 */
import { writeYearData, type YearRowsMessage, yearRowsOf } from './files.ts';

/** Input: the folder written into and each year's rows. Result: nothing; a failure is the thread's error. */
export async function run(input: { readonly dir: string; readonly years: readonly YearRowsMessage[] }): Promise<null> {
  for (const message of input.years) await writeYearData(input.dir, message.year, yearRowsOf(message));
  return null;
}
