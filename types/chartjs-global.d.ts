// Chart.js's UMD build, loaded from the `chartjs` static resource, puts
// its constructor on window.
import type { Chart } from "chart.js";

declare global {
  interface Window {
    Chart?: typeof Chart;
  }
}
