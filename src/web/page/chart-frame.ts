import { plot, type PlotOptions } from '@observablehq/plot';

// Narrower than this, axis labels collide; the chart is drawn at this width and scaled down to fit instead.
const MIN_CHART_WIDTH = 280;

/**
 * A chart reads as one labelled image; its figures are in the table beside it. Plot also labels each mark's group
 * (and each element, given an `ariaLabel` channel), which ARIA prohibits on elements without a role, so those labels
 * move to `data-label`, where they still name the marks; also in the tips Plot draws anew as the pointer moves.
 */
function presentAsImage(chart: Element): void {
  chart.setAttribute('role', 'img');
  const moveLabels = () => {
    for (const labelled of chart.querySelectorAll('[aria-label]')) {
      labelled.setAttribute('data-label', labelled.getAttribute('aria-label') ?? '');
      labelled.removeAttribute('aria-label');
    }
  };
  moveLabels();
  new MutationObserver(moveLabels).observe(chart, { childList: true, subtree: true });
}

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
    presentAsImage(chart);
    container.replaceChildren(chart);
  };
  draw();
  // A chart drawn again (the report reloaded) gets a new container; the old one's observer stops with it.
  const observer = new ResizeObserver(() => (container.isConnected ? draw() : observer.disconnect()));
  observer.observe(container);
}
