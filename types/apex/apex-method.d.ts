declare module "oauth-guard/apex" {
  import type { WireAdapterConstructor } from "lwc";

  /** What a wired property or method receives from an Apex method. */
  export interface WiredResult<Result> {
    data?: Result;
    error?: unknown;
  }

  /** Parameters of an Apex method that takes none. */
  export type NoParams = Record<string, never>;

  /** An imperative Apex call: a promise of the method's return value. */
  export type ApexMethod<Params extends object, Result> = [Params] extends [
    NoParams
  ]
    ? (params?: NoParams) => Promise<Result>
    : (params: Params) => Promise<Result>;

  /**
   * A cacheable Apex method, which a component may also wire. The platform
   * delivers `{ data, error }` to the wired member.
   */
  export type CacheableApexMethod<
    Params extends Record<string, unknown>,
    Result
  > = ApexMethod<Params, Result> &
    WireAdapterConstructor<Params, WiredResult<Result>>;
}
