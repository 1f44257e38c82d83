import { plot, type PlotOptions } from '@observablehq/plot';

const observers = new WeakMap<HTMLElement, ResizeObserver>();

// Narrower than this, axis labels collide; the container scrolls instead.
const MIN_CHART_WIDTH = 280;

/**
 * Draws a Plot chart at the width of `container`, and again whenever that width changes (a phone turned, a window
 * resized). Plot puts a `<style>` element in every chart; it is removed before the chart joins the page, since the
 * page runs without inline styles (`default-src 'self'`), and `styles.css` carries the same rules for `.chart`.
 */
export function mountChart(container: HTMLElement, options: (width: number) => PlotOptions): void {
  let drawnWidth = -1;
  const draw = () => {
    const width = Math.max(MIN_CHART_WIDTH, Math.floor(container.clientWidth));
    if (width === drawnWidth) return;
    drawnWidth = width;
    const chart = plot({ ...options(width), width, className: 'chart' });
    for (const inlineStyle of chart.querySelectorAll('style')) inlineStyle.remove();
    container.replaceChildren(chart);
  };
  draw();
  observers.get(container)?.disconnect();
  const observer = new ResizeObserver(draw);
  observer.observe(container);
  observers.set(container, observer);
}
