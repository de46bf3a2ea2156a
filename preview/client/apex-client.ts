/**
 * Apex imports in the preview call the demo org: asynchronously, with
 * copied values and Apex-shaped errors, so that a component cannot tell
 * the demo org from Apex except by the data.
 */
import { APEX_METHODS } from "../demo-org/apex-methods";
import type { ApexErrorResponse } from "../demo-org/apex-error";
import type { ApexMethodRegistry } from "../demo-org/apex-method";
import { invokeApexMethod } from "../demo-org/invoke";
import { createApexImport } from "./apex-import";
import { demoOrg, runningUser } from "./demo-session";

export { getSObjectValue, refreshApex } from "./apex-import";

function isApexErrorResponse(error: unknown): error is ApexErrorResponse {
  return typeof error === "object" && error !== null && "body" in error;
}

/** Resolves after the current task, as a server round trip would. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function callDemoApex(
  methodKey: string,
  params: unknown
): Promise<unknown> {
  await nextTask();
  try {
    return await invokeApexMethod(APEX_METHODS, methodKey, params, {
      org: demoOrg,
      runningUser
    });
  } catch (error) {
    // An AuraHandledException carries no exception type. Anything else
    // is a fault in the demo org, which the console must show.
    if (isApexErrorResponse(error) && error.body.exceptionType) {
      console.error(
        `Demo Apex method ${methodKey} failed: ${error.body.message}`,
        error.body.stackTrace
      );
    }
    throw error;
  }
}

/** Returns the default export of `@salesforce/apex/<methodKey>`. */
export function createApexMethod(methodKey: string) {
  const registry: ApexMethodRegistry = APEX_METHODS;
  const method = registry[methodKey];
  if (!method) {
    // Each call rejects with the same message, so the rest of the page
    // still works while a feature's demo methods are missing.
    console.error(
      `The demo org has no Apex method ${methodKey}. Add it to preview/demo-org/apex-methods.ts.`
    );
  }
  // A missing method counts as cacheable, so that a wire reports it too.
  return createApexImport(methodKey, callDemoApex, {
    cacheable: method?.cacheable ?? true
  });
}
