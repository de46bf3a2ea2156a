import {
  createApexImport,
  deepFreeze,
  getSObjectValue,
  refreshApex,
  type ApexCall
} from "../apex-import";

type WiredValue = { data: unknown; error: unknown };

/** Resolves once every pending promise callback has run. */
function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function wire(call: ApexCall, cacheable = true) {
  const values: WiredValue[] = [];
  const method = createApexImport("Demo.method", call, { cacheable });
  const adapter = new method.adapter((value: WiredValue) => values.push(value));
  return { adapter, values };
}

describe("createApexImport", () => {
  it("calls the method imperatively with its parameters", async () => {
    const call = jest.fn().mockResolvedValue([1, 2]);
    const method = createApexImport("Demo.method", call, { cacheable: false });
    await expect(method({ limit: 2 })).resolves.toEqual([1, 2]);
    expect(call).toHaveBeenCalledWith("Demo.method", { limit: 2 });
  });

  it("emits data to a wire after update", async () => {
    const { adapter, values } = wire(jest.fn().mockResolvedValue({ a: 1 }));
    adapter.connect();
    adapter.update({ recordId: "001" });
    await flushPromises();
    expect(values).toEqual([{ data: { a: 1 }, error: undefined }]);
  });

  it("passes the wire configuration as parameters", async () => {
    const call = jest.fn().mockResolvedValue(null);
    const { adapter } = wire(call);
    adapter.update({ recordId: "001" });
    await flushPromises();
    expect(call).toHaveBeenCalledWith("Demo.method", { recordId: "001" });
  });

  it("waits while a parameter is undefined", async () => {
    const call = jest.fn().mockResolvedValue("ready");
    const { adapter, values } = wire(call);
    adapter.update({ recordId: undefined });
    await flushPromises();
    expect(call).not.toHaveBeenCalled();
    adapter.update({ recordId: null });
    await flushPromises();
    expect(values.map((value) => value.data)).toEqual(["ready"]);
  });

  it("freezes wired data", async () => {
    const { adapter, values } = wire(
      jest.fn().mockResolvedValue({ nested: { a: 1 } })
    );
    adapter.update(undefined);
    await flushPromises();
    const data = values[0]?.data as { nested: { a: number } };
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.nested)).toBe(true);
  });

  it("emits an error to a wire when the call rejects", async () => {
    const failure = { status: 500, body: { message: "No access" } };
    const { adapter, values } = wire(jest.fn().mockRejectedValue(failure));
    adapter.update({});
    await flushPromises();
    expect(values).toEqual([{ data: undefined, error: failure }]);
  });

  it("drops a result that a newer update replaced", async () => {
    let resolveFirst: (value: unknown) => void = () => undefined;
    const call = jest
      .fn()
      .mockReturnValueOnce(new Promise((resolve) => (resolveFirst = resolve)))
      .mockResolvedValueOnce("second");
    const { adapter, values } = wire(call);
    adapter.update({ page: 1 });
    adapter.update({ page: 2 });
    await flushPromises();
    resolveFirst("first");
    await flushPromises();
    expect(values.map((value) => value.data)).toEqual(["second"]);
  });

  it("rejects wiring a method that is not cacheable", async () => {
    const call = jest.fn();
    const consoleError = jest.spyOn(console, "error").mockImplementation();
    const { adapter, values } = wire(call, false);
    adapter.update({});
    await flushPromises();
    expect(call).not.toHaveBeenCalled();
    expect(values[0]?.error).toEqual(
      new Error(
        "Apex method Demo.method is not cacheable, so it cannot be wired. Call it imperatively, or mark it @AuraEnabled(cacheable=true)."
      )
    );
    expect(consoleError).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });

  it("emits nothing after disconnect", async () => {
    const { adapter, values } = wire(jest.fn().mockResolvedValue(1));
    adapter.update({});
    adapter.disconnect();
    await flushPromises();
    expect(values).toEqual([]);
  });
});

describe("refreshApex", () => {
  it("calls the method behind a wired value again", async () => {
    const call = jest
      .fn()
      .mockResolvedValueOnce("old")
      .mockResolvedValueOnce("new");
    const { adapter, values } = wire(call);
    adapter.update({});
    await flushPromises();
    await refreshApex(values[0]);
    expect(values.map((value) => value.data)).toEqual(["old", "new"]);
  });

  it("resolves for a value no wire emitted", async () => {
    await expect(refreshApex({ data: 1 })).resolves.toBeUndefined();
  });
});

describe("deepFreeze", () => {
  it("leaves primitives unchanged", () => {
    expect(deepFreeze(3)).toBe(3);
  });
});

describe("getSObjectValue", () => {
  const record = { Name: "Acme", Owner: { Name: "Ana Silva" } };

  it("reads a field given as text", () => {
    expect(getSObjectValue(record, "Account.Owner.Name")).toBe("Ana Silva");
  });

  it("reads a field given as a schema reference", () => {
    expect(getSObjectValue(record, { fieldApiName: "Name" })).toBe("Acme");
  });

  it("returns undefined past a missing relationship", () => {
    expect(getSObjectValue(record, "Account.Parent.Name")).toBeUndefined();
  });
});
