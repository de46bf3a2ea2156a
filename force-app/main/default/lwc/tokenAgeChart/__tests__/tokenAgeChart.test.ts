import { createElement } from "lwc";
import TokenAgeChart from "c/tokenAgeChart";
import { loadScript } from "lightning/platformResourceLoader";

type ChartElement = HTMLElement & {
  buckets: { label: string; count: number }[];
  chartTitle: string;
};

const BUCKETS = [
  { label: "Under 30 days", count: 4 },
  { label: "30 to 90 days", count: 0 },
  { label: "Over 3 years", count: 1105 }
];

const chartConstructor = jest.fn();
const chartUpdate = jest.fn();
const chartDestroy = jest.fn();

function mount(): ChartElement {
  const element = createElement("c-token-age-chart", {
    is: TokenAgeChart
  }) as ChartElement;
  element.chartTitle = "Token ages for Acme Sync";
  element.buckets = BUCKETS;
  document.body.appendChild(element);
  return element;
}

// loadScript resolves, then the chart is created: three microtask turns.
async function flush(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

describe("c-token-age-chart", () => {
  beforeEach(() => {
    chartConstructor.mockImplementation(function (
      this: {
        data: unknown;
        update: jest.Mock;
        destroy: jest.Mock;
      },
      _canvas: unknown,
      config: { data: unknown }
    ) {
      this.data = config.data;
      this.update = chartUpdate;
      this.destroy = chartDestroy;
    });
    (window as unknown as { Chart: unknown }).Chart = chartConstructor;
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    delete (window as unknown as { Chart?: unknown }).Chart;
  });

  it("draws one bar per bucket", async () => {
    mount();
    await flush();
    expect(loadScript).toHaveBeenCalledTimes(1);
    expect(chartConstructor).toHaveBeenCalledTimes(1);
    const config = chartConstructor.mock.calls[0][1];
    expect(config.type).toBe("bar");
    expect(config.data.labels).toEqual(BUCKETS.map((bucket) => bucket.label));
    expect(config.data.datasets[0].data).toEqual([4, 0, 1105]);
  });

  it("renders the same figures as a table", async () => {
    const element = mount();
    await flush();
    const rows = element.shadowRoot?.querySelectorAll("tbody tr") ?? [];
    expect(Array.from(rows, (row) => row.textContent)).toEqual([
      "Under 30 days4",
      "30 to 90 days0",
      "Over 3 years1,105"
    ]);
    expect(element.shadowRoot?.querySelector("caption")?.textContent).toBe(
      "Token ages for Acme Sync"
    );
    await expect(element).toBeAccessible();
  });

  it("updates the chart when buckets change", async () => {
    const element = mount();
    await flush();
    element.buckets = [{ label: "Under 30 days", count: 9 }];
    await flush();
    expect(chartUpdate).toHaveBeenCalled();
    expect(chartConstructor).toHaveBeenCalledTimes(1);
  });

  it("says so when the library fails to load", async () => {
    (loadScript as jest.Mock).mockRejectedValueOnce(
      new Error("Resource not found")
    );
    const element = mount();
    await flush();
    expect(
      element.shadowRoot?.querySelector('[data-id="chart-error"]')?.textContent
    ).toBe("The chart could not be drawn: Resource not found");
    await expect(element).toBeAccessible();
  });

  it("destroys the chart when removed", async () => {
    const element = mount();
    await flush();
    document.body.removeChild(element);
    expect(chartDestroy).toHaveBeenCalledTimes(1);
  });
});
