/** Downloads made in the page: files are built here and never uploaded anywhere. */
import { PLOT_CLASS, PLOT_STYLE } from './charts/common.ts';

/** Starts a download of `blob` as `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, name: string, type: string): void {
  download(new Blob([text], { type }), name);
}

/** What an exported chart carries around it: its title and the lines under it. */
export interface ChartCaption {
  title: string;
  /** Lines under the chart: units, method, the illustrative-prices flag. */
  notes: string[];
}

const NS = 'http://www.w3.org/2000/svg';
/** Room above the chart for the title, and per line of notes below it (px). */
const TITLE_PX = 26;
const NOTE_PX = 15;

/** Splits a note into lines of at most `chars` characters, at spaces. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The chart's size in px (its viewBox, else its attributes). */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  return {
    width: box?.width || Number(svg.getAttribute('width')) || svg.clientWidth || 640,
    height: box?.height || Number(svg.getAttribute('height')) || svg.clientHeight || 400,
  };
}

/**
 * A standalone SVG file of a chart: Plot's own styles and a background put
 * back in, and, with a caption, the title above and the notes below, so the
 * file says what it shows without the page. Returns the text and its size.
 */
export function svgDocument(
  svg: SVGSVGElement,
  caption?: ChartCaption,
): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', NS);
  copy.setAttribute('class', PLOT_CLASS);
  // Resolve currentColor to the colour on screen, so the file reads the same anywhere.
  const colour = getComputedStyle(svg).color || '#000';
  const dark = isDark(colour);
  const { width, height } = sizeOf(svg);
  let root = copy;
  let total = height;
  if (caption) {
    const lines = caption.notes.flatMap((n) => wrap(n, Math.max(40, Math.floor(width / 6.2))));
    total = TITLE_PX + height + 6 + lines.length * NOTE_PX;
    root = document.createElementNS(NS, 'svg') as SVGSVGElement;
    root.setAttribute('xmlns', NS);
    root.setAttribute('width', String(width));
    root.setAttribute('height', String(total));
    root.setAttribute('viewBox', `0 0 ${width} ${total}`);
    root.setAttribute('font-family', 'system-ui, sans-serif');
    const title = document.createElementNS(NS, 'text');
    title.setAttribute('x', '0');
    title.setAttribute('y', '17');
    title.setAttribute('font-size', '14');
    title.setAttribute('font-weight', '600');
    title.setAttribute('fill', 'currentColor');
    title.textContent = caption.title;
    root.appendChild(title);
    copy.setAttribute('y', String(TITLE_PX));
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    root.appendChild(copy);
    lines.forEach((l, i) => {
      const t = document.createElementNS(NS, 'text');
      t.setAttribute('x', '0');
      t.setAttribute('y', String(TITLE_PX + height + 6 + (i + 1) * NOTE_PX - 3));
      t.setAttribute('font-size', '11');
      t.setAttribute('fill', 'currentColor');
      t.textContent = l;
      root.appendChild(t);
    });
  }
  root.setAttribute('color', colour);
  const style = document.createElementNS(NS, 'style');
  style.textContent = `${PLOT_STYLE} svg{background:${dark ? '#111418' : '#ffffff'}}`;
  root.insertBefore(style, root.firstChild);
  return { text: new XMLSerializer().serializeToString(root), width, height: total };
}

/** A standalone SVG file of a chart (see svgDocument). */
export function svgFile(svg: SVGSVGElement, caption?: ChartCaption): string {
  return svgDocument(svg, caption).text;
}

function isDark(textColour: string): boolean {
  // Light text means a dark background.
  const m = textColour.match(/\d+/g);
  if (!m || m.length < 3) return false;
  const [r, g, b] = m.map(Number) as [number, number, number];
  return r * 0.299 + g * 0.587 + b * 0.114 > 140;
}

/** A PNG of a chart at twice its size, drawn through an image of its SVG file. */
export async function pngBlob(svg: SVGSVGElement, caption?: ChartCaption): Promise<Blob> {
  const { text, width, height } = svgDocument(svg, caption);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) =>
      canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
