/** The steps every site build runs on its finished output before it goes live. */
import type { BuildOptions } from '../build.ts';
import { writeSearchIndex } from './search-index.ts';

/** Post-build steps of `nianbao build`, in order. */
export const SITE_POST_BUILD: NonNullable<BuildOptions['postBuild']> = [writeSearchIndex];
