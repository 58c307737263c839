import { html, nothing, type TemplateResult } from 'lit';
import type { ScenarioDraft } from '../model/draft.ts';
import { plainProblem } from '../model/plain-problem.ts';

/** Characters of one problem shown before "show all" (a list of 200 products stays readable). */
const PROBLEM_CHARS = 300;

/**
 * Problems of one section, shown where the user edits, in the page's words
 * (model/plain-problem.ts); the JSON path, for the scenario file's reader,
 * is folded under each.
 */
export function problemBox(
  id: string,
  list: readonly string[],
  scenario: ScenarioDraft = {},
): TemplateResult | typeof nothing {
  if (list.length === 0) return nothing;
  return html`<div class="error" role="alert" id=${`${id}-problems`}>
    <ul>${list.map((raw) => {
      const p = plainProblem(raw, scenario);
      const where = p.path
        ? html` <details class="path"><summary>where in the scenario file</summary><code>${p.path}</code></details>`
        : nothing;
      return p.text.length <= PROBLEM_CHARS
        ? html`<li>${p.text}${where}</li>`
        : html`<li><details><summary>${p.text.slice(0, PROBLEM_CHARS)}… (show all)</summary>${p.text}</details>${where}</li>`;
    })}</ul>
  </div>`;
}
