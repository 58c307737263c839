import { html, nothing, type TemplateResult } from 'lit';
import { download, downloadText, pngBlob, svgFile } from '../export.ts';

/** Charts drawn once per data object: lit re-renders reuse the same SVG node. */
const drawn = new WeakMap<object, SVGSVGElement>();

export interface FigureSpec<D extends object> {
  /** Element id and file name stem, e.g. `annual-histogram`. */
  id: string;
  title: string;
  data: D;
  draw: (data: D) => SVGSVGElement;
  /** A line under the chart (method, limits, units). */
  note?: string | TemplateResult;
  /** Where export errors are reported. */
  onError: (message: string) => void;
}

/** A chart in a figure with its title and SVG / PNG download buttons. */
export function chartFigure<D extends object>(spec: FigureSpec<D>): TemplateResult {
  let svg = drawn.get(spec.data);
  if (!svg) {
    svg = spec.draw(spec.data);
    drawn.set(spec.data, svg);
  }
  const chart = svg;
  const saveSvg = () => downloadText(svgFile(chart), `flexcast-${spec.id}.svg`, 'image/svg+xml');
  const savePng = () =>
    pngBlob(chart).then(
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
