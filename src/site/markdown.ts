/** Markdown for the prose sections: raw HTML off, so a report's text can never inject markup. */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** Render a prose section's Markdown to HTML. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
