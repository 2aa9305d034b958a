/** The two-years fixture corpus, loaded once per test file. */
import path from 'node:path';
import { loadCorpus } from '../../src/load/corpus.ts';

export const TWO_YEARS = path.join(import.meta.dirname, '..', 'fixtures', 'corpora', 'two-years');

export const loadTwoYears = () => loadCorpus([TWO_YEARS]);
