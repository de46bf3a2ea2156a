// Checks c/activityCapture against the shared vectors in
// vectors/activity-capture.json. The Apex class ActivityCapture is tested
// against the same file, through the generated ActivityCaptureVectors
// class, so that the daily capture in the org and the page compute the
// same summaries.
import {
  captureSummaries,
  type CaptureFile,
  type CaptureResult
} from "c/activityCapture";

interface CaptureCase {
  name: string;
  maxDistinctValues?: number;
  files: CaptureFile[];
  expected: CaptureResult;
}

function loadCases(): CaptureCase[] {
  const parsed = jest.requireActual<object>(
    "../../../../../../vectors/activity-capture.json"
  );
  if (!Array.isArray(parsed)) {
    throw new Error("vectors/activity-capture.json must hold a list of cases.");
  }
  return parsed as CaptureCase[];
}

const CASES = loadCases();

describe("activity capture vectors", () => {
  it("holds cases", () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    "%s",
    (_name, testCase) => {
      const result = captureSummaries(testCase.files, {
        maxDistinctValues: testCase.maxDistinctValues
      });
      expect(result).toEqual(testCase.expected);
    }
  );

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    "%s, files in reverse order",
    (_name, testCase) => {
      const result = captureSummaries([...testCase.files].reverse(), {
        maxDistinctValues: testCase.maxDistinctValues
      });
      expect(result.summaries).toEqual(testCase.expected.summaries);
    }
  );
});
