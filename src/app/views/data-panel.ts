import { html, nothing, type TemplateResult } from 'lit';
import { FORMAT_LABELS, type IngestProblem, type IngestReport } from '../../ingest/types.ts';
import { downloadText } from '../export.ts';
import { formatBytes, formatCount } from '../format.ts';
import { reportCsv } from '../model/results-export.ts';
import type { AppActions, AppState } from '../state.ts';
import { nameText } from './name.ts';
import { ZONES } from './zones.ts';

/** Canonical fields a column can be mapped to (ingest's session fields). */
const FIELDS = ['', 'user', 'product', 'version', 'device', 'start', 'end', 'last_active'];
/** Problems listed on screen; the CSV download has them all. */
const SHOWN = 50;

/** Kinds of ignored lines in plain words. */
const IGNORED: Record<string, string> = {
  header: 'header',
  blank: 'blank',
  comment: 'comments',
  'server-message': 'server messages',
  'quoted-continuation': 'continued quoted cells',
};

/** Usage history: drop or pick a file, progress and cancel, detected columns, validation report. */
export function dataPanel(s: AppState, a: AppActions): TemplateResult {
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) a.loadFile(file);
  };
  const onPick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) a.loadFile(file);
    input.value = '';
  };
  const over = (e: DragEvent) => {
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.add('over');
  };
  const leave = (e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over');
  return html`<section class="panel" id="data" aria-labelledby="data-title">
    <h2 id="data-title">Usage history</h2>
    <div class="drop" @dragover=${over} @dragleave=${leave} @drop=${onDrop}>
      <p>Drop a usage file here, or</p>
      <label class="button" for="file-input">Choose a file…</label>
      <input id="file-input" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.log,text/csv,text/plain" @change=${onPick} />
      <p class="muted small-text">Session logs (CSV), the vendor's usage exports, FlexNet licence-server logs. Read in this tab; nothing is uploaded.</p>
    </div>
    ${s.loading ? loadingView(s.loading, a) : nothing}
    ${s.loadError ? html`<div class="error" role="alert" id="load-error">${s.loadError}</div>` : nothing}
    ${s.data && !s.loading ? loadedView(s, a) : nothing}
  </section>`;
}

function loadingView(l: NonNullable<AppState['loading']>, a: AppActions): TemplateResult {
  const pct = l.total > 0 ? Math.round((100 * l.bytes) / l.total) : 0;
  return html`<div class="row" id="load-progress">
    <div class="field grow">
      <label for="load-bar">Reading ${l.fileName}: ${formatBytes(l.bytes)} of ${formatBytes(l.total)}</label>
      <progress id="load-bar" max="100" .value=${pct} aria-valuetext=${`${pct}%`}></progress>
    </div>
    <button type="button" @click=${() => a.cancelLoad()}>Cancel</button>
  </div>`;
}

function loadedView(s: AppState, a: AppActions): TemplateResult {
  const d = s.data!;
  const r = d.ingested.report;
  const kind = d.ingested.kind;
  return html`<div id="report" class="small-text">
    <h3>${d.fileName} <span class="muted">(${formatBytes(d.size)})</span></h3>
    <dl class="kv">
      <dt>Format</dt><dd id="report-format">${FORMAT_LABELS[r.format]}</dd>
      <dt>Lines</dt><dd>${formatCount(r.lines)}</dd>
      <dt>Accepted</dt><dd id="report-accepted">${formatCount(r.accepted)}</dd>
      <dt>Merged</dt><dd>${formatCount(r.merged)}</dd>
      <dt>Ignored</dt><dd id="report-ignored">${formatCount(r.ignored)}${
        Object.keys(r.ignoredBy).length
          ? html` <span class="muted">(${Object.entries(r.ignoredBy)
              .sort((x, y) => y[1] - x[1])
              .map(([why, n]) => `${formatCount(n)} ${IGNORED[why] ?? why.replaceAll('-', ' ')}`)
              .join(', ')})</span>`
          : nothing
      }</dd>
      <dt>Rejected</dt><dd id="report-rejected">${formatCount(r.rejectedCount)}</dd>
      <dt>Warnings</dt><dd id="report-warnings">${formatCount(r.warningCount)}</dd>
      <dt>${kind === 'sessions' ? 'Sessions' : 'Daily records'}</dt><dd id="report-records">${formatCount(r.records)}</dd>
      ${r.encoding ? html`<dt>Encoding</dt><dd>${r.encoding}</dd>` : nothing}
    </dl>
    ${
      kind === 'sessions' && d.ingested.denials.length > 0
        ? html`<p class="small-text" id="report-denials">Accepted lines make the sessions (a check-out and its check-in are one session, so one is merged); ${formatCount(d.ingested.denials.length)} refused launches (DENIED) are counted apart and cost no tokens.</p>`
        : nothing
    }
    <p>
      ${
        r.supports.forgottenOpen
          ? 'Session times are known: forecasting and forgotten-open analysis are available.'
          : r.supports.forecast
            ? 'Days used only: forecasting is available; forgotten-open analysis needs session times.'
            : 'Nothing usable was read from this file.'
      }
    </p>
    ${zoneProposal(s, a)}
    ${timezoneField(d.timeZone, a)}
    ${r.columns ? mappingView(r, a) : nothing}
    ${problemList('Rejected lines', 'rejected', r.rejected, r.rejectedCount)}
    ${problemList('Warnings', 'warnings', r.warnings, r.warningCount)}
    ${
      r.rejectedCount + r.warningCount > 0
        ? html`<button type="button" @click=${() => downloadText(reportCsv(r), `${d.fileName}-report.csv`, 'text/csv')}>Download the report (CSV)</button>`
        : nothing
    }
  </div>`;
}

/** The zone the log's header names: the file was read in it; the user confirms it or picks another. */
function zoneProposal(s: AppState, a: AppActions): TemplateResult | typeof nothing {
  const z = s.zoneProposal;
  if (!z || s.data?.timeZone !== z.zone) return nothing;
  return z.confirmed
    ? html`<p id="zone-proposal" data-confirmed="true">Times read in <strong>${z.zone}</strong>, the zone the log names ("${z.windowsName}").</p>`
    : html`<div class="notice" id="zone-proposal" data-confirmed="false" role="alert">
        The log's header says its server clock is on <strong>${z.windowsName}</strong>, so its times were read as <strong>${z.zone}</strong>.
        <button type="button" class="primary small" id="confirm-zone" @click=${() => a.confirmZone()}>Yes, ${z.zone}</button>
        or choose the server's zone below.
      </div>`;
}

function timezoneField(current: string, a: AppActions): TemplateResult {
  const change = (e: Event) => {
    const v = (e.target as HTMLInputElement).value.trim();
    if (v && v !== current) a.reloadFile({ timeZone: v });
  };
  return html`<div class="row">
    <div class="field">
      <label for="tz-input">Timezone of times without an offset</label>
      <input id="tz-input" list="tz-list" .value=${current} @change=${change} />
      <datalist id="tz-list">${ZONES.map((z) => html`<option value=${z}></option>`)}</datalist>
    </div>
  </div>`;
}

function mappingView(r: IngestReport, a: AppActions): TemplateResult {
  const columns = r.columns ?? {};
  const map: Record<string, string> = { ...columns };
  const change = (column: string) => (e: Event) => {
    map[column] = (e.target as HTMLSelectElement).value;
  };
  const apply = () => {
    const chosen: Record<string, string> = {};
    for (const [col, field] of Object.entries(map)) if (field) chosen[col] = field;
    a.reloadFile({ map: chosen });
  };
  return html`<details id="mapping">
    <summary>Detected columns (${Object.keys(columns).length})</summary>
    <table>
      <thead><tr><th scope="col">Column in the file</th><th scope="col">Read as</th></tr></thead>
      <tbody>
        ${Object.entries(columns).map(
          ([col, field]) => html`<tr>
            <td>${nameText(col)}</td>
            <td>
              <select aria-label=${`Field for column ${col}`} @change=${change(col)}>
                ${FIELDS.map((f) => html`<option value=${f} ?selected=${f === field}>${f || '(ignore)'}</option>`)}
              </select>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button type="button" @click=${apply}>Read again with this mapping</button>
  </details>`;
}

function problemList(
  title: string,
  id: string,
  items: readonly IngestProblem[],
  count: number,
): TemplateResult | typeof nothing {
  if (count === 0) return nothing;
  return html`<details id=${`${id}-list`} ?open=${id === 'rejected'}>
    <summary>${title} (${formatCount(count)})</summary>
    <div class="table-wrap">
      <table class="problems">
        <thead><tr><th scope="col" class="num">Line</th><th scope="col">Reason</th><th scope="col">Text</th></tr></thead>
        <tbody>
          ${items
            .slice(0, SHOWN)
            .map(
              (p) =>
                html`<tr><td class="num">${p.line}</td><td>${p.reason}</td><td><code>${p.text ?? ''}</code></td></tr>`,
            )}
        </tbody>
      </table>
    </div>
    ${count > SHOWN ? html`<p class="muted">First ${SHOWN} of ${formatCount(count)}; the CSV has all that were kept.</p>` : nothing}
  </details>`;
}
