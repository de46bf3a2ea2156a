import { urlOfPageReference } from "../page-reference-url";

describe("urlOfPageReference", () => {
  it.each([
    [
      "a record page",
      {
        type: "standard__recordPage",
        attributes: { objectApiName: "User", recordId: "005000000000001" }
      },
      "/lightning/r/User/005000000000001/view"
    ],
    [
      "an object page",
      {
        type: "standard__objectPage",
        attributes: {
          objectApiName: "ConnectedApplication",
          actionName: "list"
        }
      },
      "/lightning/o/ConnectedApplication/list"
    ],
    [
      "a navigation item",
      { type: "standard__navItemPage", attributes: { apiName: "OAuth_Guard" } },
      "/lightning/n/OAuth_Guard"
    ],
    [
      "a Setup web page",
      {
        type: "standard__webPage",
        attributes: { url: "/lightning/setup/ConnectedApplication/home" }
      },
      "/lightning/setup/ConnectedApplication/home"
    ]
  ])("builds the URL of %s", (_case, pageReference, expected) => {
    expect(urlOfPageReference(pageReference)).toBe(expected);
  });

  it("appends state as a query string", () => {
    const url = urlOfPageReference({
      type: "standard__navItemPage",
      attributes: { apiName: "OAuth_Guard" },
      state: { c__tab: "access" }
    });
    expect(url).toBe("/lightning/n/OAuth_Guard?c__tab=access");
  });

  it("encodes an unknown page type into the URL", () => {
    const url = urlOfPageReference({ type: "comm__namedPage" });
    expect(url).toContain(encodeURIComponent('"comm__namedPage"'));
  });
});
