/**
 * Calls a demo Apex method the way Lightning calls Apex: parameters and
 * results cross by value, so a component can never change demo state
 * through an object it received, and failures arrive in the Apex error
 * shape.
 */
import type { ApexCallContext, ApexMethodRegistry } from "./apex-method";
import { toApexErrorResponse } from "./apex-error";

/**
 * Runs the registry entry `methodKey` (`Class.method`) and returns a deep
 * copy of its result. Rejects with an ApexErrorResponse when the method
 * throws; a missing entry is a fault of the demo org, with exception type
 * Error.
 */
export async function invokeApexMethod(
  registry: ApexMethodRegistry,
  methodKey: string,
  params: unknown,
  context: ApexCallContext
): Promise<unknown> {
  try {
    const method = registry[methodKey];
    if (!method) {
      throw new Error(
        `The demo org has no Apex method ${methodKey}. Add it to preview/demo-org/apex-methods.ts.`
      );
    }
    const result = await method.run(context, structuredClone(params ?? {}));
    return structuredClone(result);
  } catch (error) {
    // Lightning rejects an Apex call with a plain object, not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toApexErrorResponse(error);
  }
}
