import {
  PERMISSION_REQUIREMENTS,
  assessPermissions,
  missingPermissions
} from "c/systemPermissions";

const allGranted = PERMISSION_REQUIREMENTS.map((requirement) => ({
  name: requirement.name,
  granted: true,
  available: true
}));

describe("assessPermissions", () => {
  it("marks every held permission as granted", () => {
    const findings = assessPermissions(allGranted);
    expect(findings.map((finding) => finding.state)).toEqual(
      PERMISSION_REQUIREMENTS.map(() => "granted")
    );
    expect(missingPermissions(findings)).toEqual([]);
  });

  it("names what a missing permission unlocks", () => {
    const statuses = allGranted.map((status) => ({
      ...status,
      granted: status.name !== "CustomizeApplication"
    }));
    const missing = missingPermissions(assessPermissions(statuses));
    expect(missing).toHaveLength(1);
    expect(missing[0]?.state).toBe("missing");
    expect(missing[0]?.message).toBe(
      "Without Customize Application, OAuth Guard cannot show every user's OAuth tokens, not only your own."
    );
  });

  it("reports a permission the org lacks as unavailable", () => {
    const statuses = allGranted.map((status) => {
      const realTime = status.name === "ViewRealTimeEventMonitoringData";
      return { ...status, granted: !realTime, available: !realTime };
    });
    const missing = missingPermissions(assessPermissions(statuses));
    expect(missing.map((finding) => finding.state)).toEqual(["unavailable"]);
    expect(missing[0]?.message).toMatch(/not available in this org/);
  });

  it("treats a permission Apex did not report as missing", () => {
    const findings = assessPermissions([]);
    expect(findings).toHaveLength(PERMISSION_REQUIREMENTS.length);
    expect(findings.every((finding) => finding.state === "missing")).toBe(true);
  });

  it("ignores statuses it does not know", () => {
    const findings = assessPermissions([
      ...allGranted,
      { name: "SomethingNew", granted: false, available: true }
    ]);
    expect(findings.map((finding) => finding.name)).toEqual(
      PERMISSION_REQUIREMENTS.map((requirement) => requirement.name)
    );
  });
});
