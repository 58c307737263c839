import { html, type TemplateResult } from 'lit';

/**
 * A name from the user's data (a user, a product, a group, a column) as a
 * table cell shows it: on one line, cut with an ellipsis past the width
 * `.name` allows (styles.css), so a 20,000-character name cannot push the
 * other columns away; the whole name is its tooltip. Both are set as text
 * (the tooltip as the `title` property), never as HTML.
 */
export function nameText(name: string): TemplateResult {
  return html`<span class="name" .title=${name}>${name}</span>`;
}
