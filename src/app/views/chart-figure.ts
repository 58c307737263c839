import { html, nothing, type TemplateResult } from 'lit';
import { download, downloadText, pngBlob, svgFile } from '../export.ts';

/** The flag an exported chart drawn from the shipped prices carries. */
const ILLUSTRATIVE =
  'Illustrative prices: quotes vary by country, reseller and year; enter your own before deciding.';

/** Charts drawn once per data object and width: lit re-renders reuse the same SVG node. */
const drawn = new WeakMap<object, Map<number, SVGSVGElement>>();

let chartWidth = 640;

/**
 * Sets the width new charts are drawn at (pixels, from the results column),
 * so text stays at its natural size instead of being scaled. Returns true
 * when it changed.
 */
export function setChartWidth(columnWidth: number): boolean {
  // Two columns from 2 x 440 px + gap, as `.charts` in styles.css lays them out.
  const perChart = columnWidth >= 896 ? (columnWidth - 16) / 2 - 26 : columnWidth - 26;
  const w = Math.max(320, Math.floor(perChart / 20) * 20);
  if (w === chartWidth) return false;
  chartWidth = w;
  return true;
}

export interface FigureSpec<D extends object> {
  /** Element id and file name stem, e.g. `annual-histogram`. */
  id: string;
  title: string;
  data: D;
  draw: (data: D, width: number) => SVGSVGElement;
  /** A line under the chart (method, limits, units). */
  note?: string | TemplateResult;
  /** Marks a chart drawn from prices: its exported file says they are illustrative. */
  illustrative?: boolean;
  /** Where export errors are reported. */
  onError: (message: string) => void;
}

/** A chart in a figure with its title and SVG / PNG download buttons. */
export function chartFigure<D extends object>(spec: FigureSpec<D>): TemplateResult {
  let byWidth = drawn.get(spec.data);
  if (!byWidth) {
    byWidth = new Map();
    drawn.set(spec.data, byWidth);
  }
  let svg = byWidth.get(chartWidth);
  if (!svg) {
    svg = spec.draw(spec.data, chartWidth);
    byWidth.set(chartWidth, svg);
  }
  const chart = svg;
  const caption = {
    title: spec.title,
    notes: [
      ...(typeof spec.note === 'string' ? [spec.note] : []),
      ...(spec.illustrative ? [ILLUSTRATIVE] : []),
      'Flexcast',
    ],
  };
  const saveSvg = () =>
    downloadText(svgFile(chart, caption), `flexcast-${spec.id}.svg`, 'image/svg+xml');
  const savePng = () =>
    pngBlob(chart, caption).then(
      (blob) => download(blob, `flexcast-${spec.id}.png`),
      (e: unknown) => spec.onError(`PNG of "${spec.title}": ${(e as Error).message}`),
    );
  return html`<figure class="chart" id=${`chart-${spec.id}`} data-chart=${spec.id}>
    <figcaption>
      <span class="title">${spec.title}</span>
      <span class="tools">
        <button type="button" class="small" @click=${saveSvg} aria-label=${`Download "${spec.title}" as SVG`}>SVG</button>
        <button type="button" class="small" @click=${savePng} aria-label=${`Download "${spec.title}" as PNG`}>PNG</button>
      </span>
    </figcaption>
    ${chart}
    ${spec.note ? html`<p class="note">${spec.note}</p>` : nothing}
  </figure>`;
}
