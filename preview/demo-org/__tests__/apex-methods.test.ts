import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { APEX_METHODS } from "../apex-methods";
import { AuraHandledException, type ApexErrorResponse } from "../apex-error";
import type { ApexCallContext, ApexMethodRegistry } from "../apex-method";
import { DemoOrg } from "../demo-org";
import { invokeApexMethod } from "../invoke";

const org = new DemoOrg({ userCount: 10 });
const asAdmin: ApexCallContext = { org, runningUser: org.runningUsers.admin };
const asViewer: ApexCallContext = {
  org,
  runningUser: org.runningUsers.viewer
};

type Status = { name: string; granted: boolean; available: boolean };

function declaredApexMethods(): string[] {
  const typesDir = join(__dirname, "../../../types/apex");
  return readdirSync(typesDir)
    .filter((file) => file.endsWith(".d.ts"))
    .flatMap((file) => [
      ...readFileSync(join(typesDir, file), "utf8").matchAll(
        /declare module "@salesforce\/apex\/([\w.]+)"/g
      )
    ])
    .map((match) => match[1] as string);
}

describe("APEX_METHODS", () => {
  it("implements every declared Apex method", () => {
    const declared = declaredApexMethods();
    expect(declared.length).toBeGreaterThan(0);
    const missing = declared.filter((method) => !(method in APEX_METHODS));
    // Each name listed here needs an entry in preview/demo-org/apex-methods.ts.
    expect(missing).toEqual([]);
  });
});

describe("SystemPermissionController.getSystemPermissions", () => {
  const method = "SystemPermissionController.getSystemPermissions";

  it("grants the admin every permission", async () => {
    const statuses = (await invokeApexMethod(
      APEX_METHODS,
      method,
      {},
      asAdmin
    )) as Status[];
    expect(statuses).toHaveLength(6);
    expect(statuses.every((status) => status.granted)).toBe(true);
    expect(statuses.every((status) => status.available)).toBe(true);
  });

  it("reports the Apex order of permissions", async () => {
    const statuses = (await invokeApexMethod(
      APEX_METHODS,
      method,
      {},
      asAdmin
    )) as Status[];
    expect(statuses.map((status) => status.name)).toEqual([
      "CustomizeApplication",
      "ViewAllData",
      "ViewEventLogFiles",
      "ManageUsers",
      "ApiEnabled",
      "ViewRealTimeEventMonitoringData"
    ]);
  });

  it("reports the viewer's missing permissions", async () => {
    const statuses = (await invokeApexMethod(
      APEX_METHODS,
      method,
      {},
      asViewer
    )) as Status[];
    const missing = statuses
      .filter((status) => !status.granted)
      .map((status) => status.name);
    expect(missing).toEqual([
      "CustomizeApplication",
      "ManageUsers",
      "ViewRealTimeEventMonitoringData"
    ]);
  });
});

describe("invokeApexMethod", () => {
  const registry: ApexMethodRegistry = {
    "Demo.echo": { cacheable: true, run: (_context, params) => params },
    "Demo.users": {
      cacheable: true,
      run: ({ org: demoOrg }) => demoOrg.users
    },
    "Demo.fail": {
      cacheable: false,
      run: () => {
        throw new AuraHandledException("You cannot revoke this token.");
      }
    },
    "Demo.bug": {
      cacheable: false,
      run: () => {
        throw new TypeError("x is undefined");
      }
    }
  };

  it("returns a copy that cannot change demo state", async () => {
    const users = (await invokeApexMethod(
      registry,
      "Demo.users",
      {},
      asAdmin
    )) as { name: string }[];
    (users[0] as { name: string }).name = "Changed";
    expect(org.users[0]?.name).toBe("Morgan Reyes");
  });

  it("passes a copy of the parameters", async () => {
    const params = { filter: { active: true } };
    const received = await invokeApexMethod(
      registry,
      "Demo.echo",
      params,
      asAdmin
    );
    expect(received).toEqual(params);
    expect(received).not.toBe(params);
  });

  it("rejects with the Apex shape for AuraHandledException", async () => {
    await expect(
      invokeApexMethod(registry, "Demo.fail", {}, asAdmin)
    ).rejects.toEqual({
      status: 500,
      statusText: "Server Error",
      ok: false,
      headers: {},
      body: { message: "You cannot revoke this token." }
    });
  });

  it("keeps the type and stack of an unexpected error", async () => {
    const error = (await invokeApexMethod(
      registry,
      "Demo.bug",
      {},
      asAdmin
    ).catch((caught: unknown) => caught)) as ApexErrorResponse;
    expect(error.body.message).toBe("x is undefined");
    expect(error.body.exceptionType).toBe("TypeError");
    expect(error.body.stackTrace).toContain("x is undefined");
  });

  it("rejects an unknown method with its name", async () => {
    const error = (await invokeApexMethod(
      registry,
      "Demo.missing",
      {},
      asAdmin
    ).catch((caught: unknown) => caught)) as ApexErrorResponse;
    expect(error.status).toBe(500);
    expect(error.body.message).toContain("Demo.missing");
  });
});
