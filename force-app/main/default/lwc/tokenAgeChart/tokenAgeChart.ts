import { LightningElement, api } from "lwc";
import { loadScript } from "lightning/platformResourceLoader";
import CHART_JS from "@salesforce/resourceUrl/chartjs";
import { errorText } from "c/errorText";
import type { Chart } from "chart.js";

/** One bar of the chart: how many tokens fall in an age range. */
export interface AgeBucket {
  label: string;
  count: number;
}

type ChartInstance = Chart<"bar", number[], string>;

/**
 * Draws token ages as a bar chart with Chart.js (loaded from a static
 * resource), and always renders the same figures as a table, which is
 * what screen readers and the no-script fallback use.
 */
export default class TokenAgeChart extends LightningElement {
  /** Accessible name of the chart, e.g. "Token ages for Acme Sync". */
  @api chartTitle = "Token ages";

  private ageBuckets: AgeBucket[] = [];
  private chart: ChartInstance | undefined;
  private chartLibraryLoading: Promise<void> | undefined;
  loadError: string | undefined;

  @api
  get buckets(): AgeBucket[] {
    return this.ageBuckets;
  }
  set buckets(value: AgeBucket[] | undefined) {
    this.ageBuckets = value ?? [];
    this.updateChart();
  }

  get rows(): (AgeBucket & { key: string })[] {
    return this.ageBuckets.map((bucket) => ({
      ...bucket,
      key: bucket.label,
      countText: bucket.count.toLocaleString("en-US")
    }));
  }

  override renderedCallback(): void {
    if (this.chartLibraryLoading) {
      return;
    }
    this.chartLibraryLoading = loadScript(this, CHART_JS)
      .then(() => this.createChart())
      .catch((error: unknown) => {
        this.loadError = `The chart could not be drawn: ${errorText(error)}`;
      });
  }

  override disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.chartLibraryLoading = undefined;
  }

  private createChart(): void {
    const ChartConstructor = window.Chart;
    const canvas = this.template?.querySelector("canvas");
    if (!ChartConstructor || !canvas) {
      this.loadError = "The chart library did not load.";
      return;
    }
    this.chart = new ChartConstructor(canvas, {
      type: "bar",
      data: {
        labels: this.ageBuckets.map((bucket) => bucket.label),
        datasets: [
          {
            label: "Tokens",
            data: this.ageBuckets.map((bucket) => bucket.count),
            backgroundColor: "#0176d3"
          }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  private updateChart(): void {
    if (!this.chart) {
      return;
    }
    this.chart.data.labels = this.ageBuckets.map((bucket) => bucket.label);
    const dataset = this.chart.data.datasets[0];
    if (dataset) {
      dataset.data = this.ageBuckets.map((bucket) => bucket.count);
    }
    this.chart.update();
  }
}
