import { LightningElement, api, wire } from "lwc";
import getSystemPermissions from "@salesforce/apex/SystemPermissionController.getSystemPermissions";
import type { WiredResult } from "oauth-guard/apex";
import type { SystemPermissionStatus } from "oauth-guard/dto";
import {
  assessPermissions,
  missingPermissions,
  type PermissionFinding
} from "c/systemPermissions";

/**
 * Names the system permissions the running user lacks, and what each one
 * unlocks, so that no page shows an empty table for want of access.
 */
export default class AccessCheck extends LightningElement {
  /** Lists granted permissions too, not only the missing ones. */
  @api showAll = false;

  findings: PermissionFinding[] = [];
  error: unknown;
  loaded = false;

  @wire(getSystemPermissions)
  wiredStatuses({ data, error }: WiredResult<SystemPermissionStatus[]>): void {
    if (data) {
      this.findings = assessPermissions(data);
      this.error = undefined;
      this.loaded = true;
    } else if (error) {
      this.error = error;
      this.loaded = true;
    }
  }

  get shownFindings(): (PermissionFinding & { iconName: string })[] {
    const shown = this.showAll
      ? this.findings
      : missingPermissions(this.findings);
    return shown.map((finding) => ({
      ...finding,
      iconName:
        finding.state === "granted" ? "utility:success" : "utility:warning"
    }));
  }

  get allGranted(): boolean {
    return (
      this.loaded &&
      !this.error &&
      missingPermissions(this.findings).length === 0
    );
  }

  get loading(): boolean {
    return !this.loaded;
  }
}
