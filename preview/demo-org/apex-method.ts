/**
 * Types that tie each demo Apex method to the declaration of the
 * `@salesforce/apex` module that components import, so that a change in
 * the contract fails the type check of the demo org.
 */
import type { DemoOrg } from "./demo-org";
import type { DemoUser } from "./users";

/** Call details that a demo Apex method receives besides its parameters. */
export interface ApexCallContext {
  org: DemoOrg;
  runningUser: DemoUser;
}

/**
 * The parameters object of an imported Apex method. A method that takes
 * none gets an empty object, whether its import declares no parameter or
 * an optional empty one.
 */
export type ApexParams<Method extends (...args: never[]) => unknown> =
  Parameters<Method> extends []
    ? Record<string, never>
    : NonNullable<Parameters<Method>[0]>;

/** The value that an imported Apex method's promise resolves to. */
export type ApexResult<Method extends (...args: never[]) => unknown> = Awaited<
  ReturnType<Method>
>;

/**
 * True for an import declared as CacheableApexMethod, which has the wire
 * adapter's constructor signature, and false for a plain ApexMethod.
 */
export type IsCacheable<Method> = Method extends abstract new (
  ...args: never[]
) => unknown
  ? true
  : false;

/** A demo Apex method once its types are erased, as the registry keeps it. */
export interface DemoApexMethod {
  /** Mirrors `@AuraEnabled(cacheable=true)`: only such methods can be wired. */
  cacheable: boolean;
  run: (context: ApexCallContext, params: unknown) => unknown;
}

/** Demo Apex methods keyed by `Class.method`, as in the import path. */
export type ApexMethodRegistry = Record<string, DemoApexMethod>;

/**
 * Declares the demo implementation of an imported Apex method: pass the
 * import's type, for example
 * `defineApexMethod<typeof getSystemPermissions>({ cacheable: true }, ...)`.
 * `cacheable` must match the declaration, so the type check fails when
 * the two disagree.
 */
export function defineApexMethod<
  Method extends (...args: never[]) => Promise<unknown>
>(
  options: { cacheable: IsCacheable<Method> },
  implementation: (
    context: ApexCallContext,
    params: ApexParams<Method>
  ) => ApexResult<Method> | Promise<ApexResult<Method>>
): DemoApexMethod {
  return {
    cacheable: options.cacheable,
    run: implementation as DemoApexMethod["run"]
  };
}
