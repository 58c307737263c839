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

/** A standalone SVG file of a chart: Plot's own styles and a background put back in. */
export function svgFile(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('class', PLOT_CLASS);
  // Resolve currentColor to the colour on screen, so the file reads the same anywhere.
  const colour = getComputedStyle(svg).color || '#000';
  copy.setAttribute('color', colour);
  const dark = isDark(colour);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `${PLOT_STYLE} svg{background:${dark ? '#111418' : '#ffffff'}}`;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

function isDark(textColour: string): boolean {
  // Light text means a dark background.
  const m = textColour.match(/\d+/g);
  if (!m || m.length < 3) return false;
  const [r, g, b] = m.map(Number) as [number, number, number];
  return r * 0.299 + g * 0.587 + b * 0.114 > 140;
}

/** A PNG of a chart at twice its size, drawn through an image of its SVG file. */
export async function pngBlob(svg: SVGSVGElement): Promise<Blob> {
  const text = svgFile(svg);
  const box = svg.viewBox.baseVal;
  const width = box?.width || svg.clientWidth || 640;
  const height = box?.height || svg.clientHeight || 400;
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
