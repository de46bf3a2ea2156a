/**
 * Errors as Lightning delivers them when an `@AuraEnabled` method throws,
 * so that components handle demo failures with the same code as real ones.
 */

/**
 * The demo counterpart of Apex `AuraHandledException`: its message goes
 * to the component unchanged, and no stack trace goes with it.
 */
export class AuraHandledException extends Error {
  override name = "AuraHandledException";
}

/** The error object that an Apex call rejects with, or a wire receives. */
export interface ApexErrorResponse {
  status: number;
  statusText: string;
  ok: false;
  headers: Record<string, string>;
  body: {
    message: string;
    exceptionType?: string;
    stackTrace?: string;
  };
}

/**
 * Converts an error thrown by a demo Apex method into the Apex error
 * shape. Any error other than AuraHandledException is a fault in the demo
 * org, and keeps its type and stack trace as an unhandled Apex exception
 * does.
 */
export function toApexErrorResponse(error: unknown): ApexErrorResponse {
  const response: ApexErrorResponse = {
    status: 500,
    statusText: "Server Error",
    ok: false,
    headers: {},
    body: { message: "" }
  };
  if (error instanceof AuraHandledException) {
    response.body.message = error.message;
  } else if (error instanceof Error) {
    response.body = {
      message: error.message,
      exceptionType: error.name,
      stackTrace: error.stack ?? ""
    };
  } else {
    response.body = { message: String(error), exceptionType: "unknown" };
  }
  return response;
}
