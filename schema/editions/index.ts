/** Every edition of the template, by id. Adding an edition means adding its file here. */
import type { Edition } from '../template.ts';
import { edition2019 } from './2019.ts';
import { edition2021 } from './2021.ts';

export const EDITIONS = { 2019: edition2019, 2021: edition2021 } as const satisfies Record<number, Edition>;
export type EditionId = keyof typeof EDITIONS;
export const EDITION_IDS = Object.keys(EDITIONS).map(Number) as EditionId[];

/** The edition the statutory notices call for in a report year. */
export function editionForYear(year: number): EditionId {
  let found: EditionId = EDITION_IDS[0]!;
  for (const id of EDITION_IDS) if (EDITIONS[id].firstYear <= year) found = id;
  return found;
}
