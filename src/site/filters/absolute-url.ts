/** `{{ page.url | absoluteUrl }}` → the page's full address under NIANBAO_SITE_URL. */
import { absoluteUrl as join, siteUrl } from '../site-url.ts';

/** Absolute URL of a site path, for canonical links, Open Graph and the sitemap. */
export function absoluteUrl(sitePath: string): string {
  return join(siteUrl(), sitePath);
}
