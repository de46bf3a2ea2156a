import { errorMessages, errorText } from "c/errorText";

describe("errorMessages", () => {
  it("reads an Apex AuraHandledException body", () => {
    const error = { body: { message: "Insufficient access" }, status: 500 };
    expect(errorMessages(error)).toEqual(["Insufficient access"]);
  });

  it("reads UI API page and field errors", () => {
    const error = {
      body: {
        pageErrors: [{ message: "Record locked" }],
        fieldErrors: { Name: [{ message: "Name is required" }] }
      }
    };
    expect(errorMessages(error)).toEqual(["Record locked", "Name is required"]);
  });

  it("reads an array body", () => {
    const error = { body: [{ message: "First" }, { message: "Second" }] };
    expect(errorMessages(error)).toEqual(["First", "Second"]);
  });

  it("reads JavaScript errors and strings", () => {
    expect(errorMessages(new Error("Network down"))).toEqual(["Network down"]);
    expect(errorMessages("Plain text")).toEqual(["Plain text"]);
  });

  it("flattens arrays and removes duplicates", () => {
    const errors = ["Same", new Error("Same"), { body: { message: "Other" } }];
    expect(errorMessages(errors)).toEqual(["Same", "Other"]);
  });

  it("falls back to message when the body has none", () => {
    const error = { body: {}, message: "Outer message" };
    expect(errorMessages(error)).toEqual(["Outer message"]);
  });

  it("ignores empty and non-text values", () => {
    expect(errorMessages(null)).toEqual([]);
    expect(errorMessages(undefined)).toEqual([]);
    expect(errorMessages({ body: { message: 42 } })).toEqual([]);
    expect(errorMessages("   ")).toEqual([]);
    expect(errorMessages(Symbol("x"))).toEqual([]);
  });

  it("states numbers and booleans as text", () => {
    expect(errorMessages(404)).toEqual(["404"]);
    expect(errorMessages(false)).toEqual(["false"]);
  });
});

describe("errorText", () => {
  it("joins messages into one line", () => {
    expect(errorText(["One.", "Two."])).toBe("One. Two.");
  });

  it("gives a fallback when there is no message", () => {
    expect(errorText({})).toMatch(/unknown error/);
  });
});
