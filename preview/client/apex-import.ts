/**
 * The preview's form of an `@salesforce/apex/Class.method` import: a
 * function that returns a promise and that a component can also wire.
 * The caller passes the function that performs the call, and
 * apex-client.ts passes the demo org's.
 */

export type ApexCall = (methodKey: string, params: unknown) => Promise<unknown>;

type WiredValue = { data: unknown; error: unknown };
type DataCallback = (value: WiredValue) => void;

/** The wire adapter behind each wired value, for refreshApex. */
const adaptersByWiredValue = new WeakMap<object, ApexWireAdapter>();

/** Freezes a value and everything in it, as Lightning does with wired data. */
export function deepFreeze<Value>(value: Value): Value {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

class ApexWireAdapter {
  private config: unknown = {};
  private disconnected = false;
  private latestRequest = 0;

  constructor(
    private readonly methodKey: string,
    private readonly call: ApexCall,
    private readonly cacheable: boolean,
    private readonly dataCallback: DataCallback
  ) {}

  connect(): void {
    this.disconnected = false;
  }

  disconnect(): void {
    this.disconnected = true;
  }

  update(config: unknown): void {
    if (!this.cacheable) {
      this.rejectWire();
      return;
    }
    this.config = config ?? {};
    // The LWC developer guide: a wired Apex method is not called while a
    // parameter is undefined, but is called with null.
    if (
      Object.values(this.config as object).some((value) => value === undefined)
    ) {
      return;
    }
    this.refresh().catch((error: unknown) => {
      console.error(`The wire of Apex method ${this.methodKey} failed`, error);
    });
  }

  /**
   * Emits an error: the LWC developer guide allows @wire only for a method
   * with cacheable=true.
   */
  private rejectWire(): void {
    const message = `Apex method ${this.methodKey} is not cacheable, so it cannot be wired. Call it imperatively, or mark it @AuraEnabled(cacheable=true).`;
    console.error(message);
    this.dataCallback({ data: undefined, error: new Error(message) });
  }

  /** Calls the method again and emits the result, unless a newer call started. */
  async refresh(): Promise<void> {
    this.latestRequest += 1;
    const request = this.latestRequest;
    let value: WiredValue;
    try {
      const data = deepFreeze(await this.call(this.methodKey, this.config));
      value = { data, error: undefined };
    } catch (error) {
      value = { data: undefined, error };
    }
    if (request !== this.latestRequest || this.disconnected) {
      return;
    }
    adaptersByWiredValue.set(value, this);
    this.dataCallback(value);
  }
}

/**
 * Returns the default export of `@salesforce/apex/<methodKey>`. Only a
 * cacheable method can be wired, as in an org.
 * NOTE: Lightning also caches wired results on the client; the preview
 * calls the demo org on every update.
 */
export function createApexImport(
  methodKey: string,
  call: ApexCall,
  options: { cacheable: boolean }
) {
  const callImperatively = (params?: object) => call(methodKey, params);
  // The LWC engine accepts a function with an `adapter` class for @wire,
  // as the platform's Apex imports have.
  const adapter = class extends ApexWireAdapter {
    constructor(dataCallback: DataCallback) {
      super(methodKey, call, options.cacheable, dataCallback);
    }
  };
  return Object.assign(callImperatively, { adapter });
}

/**
 * The preview's `refreshApex` from `@salesforce/apex`: calls the method
 * behind a wired value again. Resolves at once for any other value.
 */
export function refreshApex(wiredValue: unknown): Promise<void> {
  const adapter =
    typeof wiredValue === "object" && wiredValue !== null
      ? adaptersByWiredValue.get(wiredValue)
      : undefined;
  return adapter ? adapter.refresh() : Promise.resolve();
}

/**
 * The preview's `getSObjectValue` from `@salesforce/apex`: reads a field,
 * following relationship names, from a record an Apex method returned.
 * A field given as text (`Account.Owner.Name`) starts with the object.
 */
export function getSObjectValue(
  record: unknown,
  field: string | { fieldApiName: string }
): unknown {
  const fieldNames =
    typeof field === "string"
      ? field.split(".").slice(1)
      : field.fieldApiName.split(".");
  let value: unknown = record;
  for (const name of fieldNames) {
    if (typeof value !== "object" || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}
