/** Every Nunjucks filter, registered by name in one loop (see the site plugin). */
export { dateZh } from './date-zh.ts';
export { absoluteUrl } from './absolute-url.ts';
