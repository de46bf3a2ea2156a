import { createElement } from "lwc";
import ErrorPanel from "c/errorPanel";

type ErrorPanelElement = HTMLElement & {
  friendlyMessage: string;
  errors: unknown;
};

function mount(errors: unknown): ErrorPanelElement {
  const element = createElement("c-error-panel", {
    is: ErrorPanel
  }) as ErrorPanelElement;
  element.friendlyMessage = "Could not load apps.";
  element.errors = errors;
  document.body.appendChild(element);
  return element;
}

describe("c-error-panel", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows each message as a list item", async () => {
    const element = mount([
      { body: { message: "First" } },
      new Error("Second")
    ]);
    await Promise.resolve();
    const items = element.shadowRoot?.querySelectorAll("li") ?? [];
    expect(Array.from(items, (item) => item.textContent)).toEqual([
      "First",
      "Second"
    ]);
    await expect(element).toBeAccessible();
  });

  it("renders markup in a message as text", async () => {
    const element = mount('<img src=x onerror="alert(1)">');
    await Promise.resolve();
    expect(element.shadowRoot?.querySelector("img")).toBeNull();
    expect(element.shadowRoot?.querySelector("li")?.textContent).toBe(
      '<img src=x onerror="alert(1)">'
    );
  });

  it("announces itself as an alert", async () => {
    const element = mount("Oops");
    await Promise.resolve();
    expect(
      element.shadowRoot?.querySelector('[role="alert"]')?.textContent
    ).toContain("Could not load apps.");
  });
});
