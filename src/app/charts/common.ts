/**
 * What every chart shares: sizes, colours that read on light and dark
 * backgrounds, and the step that makes Plot's output fit the page's
 * Content-Security-Policy.
 */

/** Options every chart accepts. */
export interface ChartSize {
  /** Pixel width (the chart scales down with its container). Default 640. */
  width?: number;
  height?: number;
}

/** Mid-tone colours, legible on white and on near-black. */
export const COLORS = {
  primary: '#3b82c4',
  secondary: '#e0892e',
  good: '#2f9e6b',
  bad: '#d2504b',
  muted: '#8a94a6',
  band: ['#3b82c4', '#6aa3d8', '#a3c6ea'] as const,
};

/**
 * The class every chart gives Plot (its documented `className` option) in
 * place of the one Plot makes up: the page stylesheet's rules for charts and
 * the exported SVG's style name it.
 */
export const PLOT_CLASS = 'flexcast-chart';

/** The rules of Plot's own `<style>` element, kept for exported SVG files. */
export const PLOT_STYLE = `:where(.${PLOT_CLASS}){--plot-background:white;display:block;height:auto;max-width:100%}:where(.${PLOT_CLASS} text),:where(.${PLOT_CLASS} tspan){white-space:pre}`;

/**
 * Removes the `<style>` element Plot puts in each SVG: the page's policy
 * (style-src 'self') would refuse it once attached; the same rules are in
 * the page stylesheet. Adds a role and label for screen readers.
 */
export function finish(node: SVGSVGElement | HTMLElement, label: string): SVGSVGElement {
  const svg = (node instanceof SVGSVGElement ? node : node.querySelector('svg')) as SVGSVGElement;
  for (const style of svg.querySelectorAll('style')) style.remove();
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}
