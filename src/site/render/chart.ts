import { html, jsonScript, type SafeHtml } from '../html.js';

/** What the page's script turns into a Chart.js line chart; plain data, escaped as JSON. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** `time`: x is epoch ms; `linear`: x is a number; `category`: x indexes `categories`. */
  readonly xKind: 'time' | 'linear' | 'category';
  readonly categories?: readonly string[];
  readonly yLogarithmic?: boolean;
  readonly series: readonly {
    readonly label: string;
    readonly dashed?: boolean;
    readonly points: readonly { readonly x: number; readonly y: number }[];
  }[];
}

/** Hands out element ids, so two charts on one page never share one. */
export class ChartIds {
  private next = 1;
  take(): string {
    return `chart-${this.next++}`;
  }
}

/** A canvas the page script draws into, plus its data; a note instead when there is nothing to draw. */
export function chart(ids: ChartIds, spec: ChartSpec): SafeHtml {
  if (spec.series.every((s) => s.points.length === 0)) {
    return html`<p class="empty">${spec.title}: no data yet.</p>`;
  }
  const id = ids.take();
  return html`<figure class="chart">
  <div class="chart-box"><canvas data-chart="${id}" role="img" aria-label="${spec.title}"></canvas></div>
  ${jsonScript(id, spec)}
</figure>`;
}
