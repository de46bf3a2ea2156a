import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  ConnectedAppPolicy,
  GuardSetting,
  TokenCount,
  TokenSlice
} from "oauth-guard/dto";
import {
  loadInventory,
  type InventoryApi,
  type InventoryLoad
} from "c/inventoryLoader";
import { inventoryStatus, summarise } from "c/tokenInventory";
import { APEX_METHODS } from "../apex-methods";
import { AuraHandledException, type ApexErrorResponse } from "../apex-error";
import type { ApexCallContext, ApexMethodRegistry } from "../apex-method";
import { DEFAULT_SETTING_RECORDS, DemoOrg } from "../demo-org";
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
      "ViewAllData",
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

describe("GuardSettingsController.getSettings", () => {
  function shippedSettingValue(name: string): string | undefined {
    const path = join(
      __dirname,
      `../../../force-app/main/default/customMetadata/OAuth_Guard_Setting.${name}.md-meta.xml`
    );
    const match =
      /<field>Value__c<\/field>\s*<value[^>]*>([^<]*)<\/value>/.exec(
        readFileSync(path, "utf8")
      );
    return match?.[1];
  }

  it("defaults to the shipped values", () => {
    for (const record of DEFAULT_SETTING_RECORDS) {
      expect(shippedSettingValue(record.name)).toBe(record.value);
    }
  });

  it("returns the org's records by name", async () => {
    const withRecords = new DemoOrg({
      userCount: 2,
      settingRecords: [
        { name: "StaleAfterDays", value: "30" },
        { name: "HighRiskScore", value: "8" }
      ]
    });
    const settings = await invokeApexMethod(
      APEX_METHODS,
      "GuardSettingsController.getSettings",
      {},
      { org: withRecords, runningUser: withRecords.runningUsers.admin }
    );
    expect(settings).toEqual([
      { name: "HighRiskScore", value: "8" },
      { name: "StaleAfterDays", value: "30" }
    ]);
  });
});

describe("TokenInventoryController", () => {
  const fullOrg = new DemoOrg();
  const admin: ApexCallContext = {
    org: fullOrg,
    runningUser: fullOrg.runningUsers.admin
  };
  const viewer: ApexCallContext = {
    org: fullOrg,
    runningUser: fullOrg.runningUsers.viewer
  };

  function call<Result>(
    method: string,
    context: ApexCallContext,
    params: object = {}
  ): Promise<Result> {
    return invokeApexMethod(
      APEX_METHODS,
      `TokenInventoryController.${method}`,
      params,
      context
    ) as Promise<Result>;
  }

  function apiFor(context: ApexCallContext): InventoryApi {
    return {
      getSettings: () =>
        invokeApexMethod(
          APEX_METHODS,
          "GuardSettingsController.getSettings",
          {},
          context
        ) as Promise<GuardSetting[]>,
      countTokens: () => call<TokenCount>("countTokens", context),
      listConnectedApps: () =>
        call<ConnectedAppPolicy[]>("listConnectedApps", context),
      readTokenSlice: (cursor) =>
        call<TokenSlice>("readTokenSlice", context, { cursor })
    };
  }

  it("counts every token for the admin", async () => {
    expect(await call("countTokens", admin)).toEqual({
      total: 60_000,
      seesAllUsers: true
    });
  });

  it("counts only the viewer's own tokens", async () => {
    expect(await call("countTokens", viewer)).toEqual({
      total: 5,
      seesAllUsers: false
    });
  });

  it("reads a first slice of 2,000", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", admin, {
      cursor: null
    });
    expect(slice.tokens).toHaveLength(2000);
    expect(typeof slice.nextCursor).toBe("string");
    expect(slice.problems).toEqual([]);
  });

  it("names the holder of every token", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", admin, {
      cursor: null
    });
    const holderIds = new Set(slice.holders.map((holder) => holder.userId));
    expect(holderIds.size).toBe(slice.holders.length);
    for (const row of slice.tokens) {
      expect(holderIds.has(row.userId)).toBe(true);
    }
  });

  it("labels powerful permissions as Apex does", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", admin, {
      cursor: null
    });
    const systemAdministrator = slice.holders.find(
      (holder) =>
        fullOrg.userById(holder.userId)?.profileName === "System Administrator"
    );
    expect(systemAdministrator?.powerfulPermissions).toEqual([
      "Modify All Data",
      "View All Data",
      "Customize Application",
      "Manage Users"
    ]);
  });

  it("names the viewer as the only holder", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", viewer, {
      cursor: null
    });
    expect(slice.holders).toEqual([
      {
        userId: fullOrg.runningUsers.viewer.id,
        name: "Sam Okafor",
        username: fullOrg.runningUsers.viewer.username,
        isActive: true,
        isFrozen: false,
        powerfulPermissions: []
      }
    ]);
  });

  it("leaves null fields out as Apex does", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", admin, {
      cursor: null
    });
    const neverUsed = slice.tokens.find((row) => !("lastUsedDate" in row));
    expect(neverUsed).toBeDefined();
    const values = slice.tokens.flatMap((row): unknown[] => Object.values(row));
    expect(values).not.toContain(null);
  });

  it("omits the cursor after the last slice", async () => {
    const slice = await call<TokenSlice>("readTokenSlice", viewer, {
      cursor: null
    });
    expect(slice.tokens).toHaveLength(5);
    expect("nextCursor" in slice).toBe(false);
  });

  it("rejects a malformed cursor in the Apex shape", async () => {
    await expect(
      call("readTokenSlice", admin, { cursor: "bm90IGpzb24=" })
    ).rejects.toEqual({
      status: 500,
      statusText: "Server Error",
      ok: false,
      headers: {},
      body: {
        message:
          "The token cursor is invalid because it does not contain valid " +
          "JSON. Start again from the first slice, without a cursor."
      }
    });
  });

  it("lists installed apps sorted by name", async () => {
    const policies = await call<ConnectedAppPolicy[]>(
      "listConnectedApps",
      admin
    );
    const names = policies.map((policy) => policy.name);
    expect(policies.length).toBe(
      fullOrg.apps.filter((app) => app.policy).length
    );
    expect(names).toEqual(
      [...names].sort((first, second) =>
        first.toLowerCase().localeCompare(second.toLowerCase())
      )
    );
  });

  describe("inventory loaded by the page's loader", () => {
    let load: InventoryLoad;

    beforeAll(async () => {
      load = await loadInventory(apiFor(admin), {
        yieldBetweenChunks: () => Promise.resolve()
      });
    });

    it("reads every token once", () => {
      const status = inventoryStatus(load.state);
      expect(load.complete).toBe(true);
      expect(load.problems).toEqual([]);
      expect(status.tokens).toBe(60_000);
      expect(status.duplicateRows).toBe(0);
      expect(status.skippedRows).toBe(0);
    });

    it("groups tokens into about forty apps", () => {
      expect(inventoryStatus(load.state).apps).toBeGreaterThanOrEqual(38);
      expect(inventoryStatus(load.state).apps).toBeLessThanOrEqual(45);
    });

    it("rates apps at every risk level", () => {
      const apps = summarise(load.state, load.policies, fullOrg.now.getTime());
      const levels = new Set(apps.map((app) => app.risk.level));
      expect([...levels].sort()).toEqual(["high", "low", "medium", "none"]);
    });
  });

  it("loads only the viewer's tokens", async () => {
    const load = await loadInventory(apiFor(viewer), {
      yieldBetweenChunks: () => Promise.resolve()
    });
    expect(load.count.seesAllUsers).toBe(false);
    expect(inventoryStatus(load.state).tokens).toBe(5);
    expect(inventoryStatus(load.state).holders).toBe(1);
  });
});
