/**
 * Reads the org's activity from every source the user can read: the
 * event log files that Apex can return, the real-time event objects and
 * LoginHistory. The Apex methods are passed in, so that this module runs
 * in Jest and imports no Apex.
 *
 * When one source fails, its error becomes a note that names the source
 * and the other sources are still read (each read has its own catch).
 */
import type {
  EventLogFileContent,
  EventLogFileInfo,
  EventLogFilePage,
  EventRowPage,
  EventSourceStatus
} from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import { readActivityFile } from "c/activityImport";
import { errorText } from "c/errorText";
import { LOGIN_HISTORY, recordsOfEventRows } from "c/eventRows";

export const EVENT_LOG_FILE = "EventLogFile";

/** Real-time objects the page reads, in the order it shows them. */
export const REAL_TIME_OBJECTS = [
  "ApiEvent",
  "ReportEvent",
  "BulkApiResultEventStore"
] as const;
export type RealTimeObject = (typeof REAL_TIME_OBJECTS)[number];

/**
 * Days of real-time events and login history read. A week covers the
 * event log files that Event Monitoring keeps and gives the first-seen
 * rules some history. NOTE: a guess, not sized against a real org.
 */
export const DEFAULT_WINDOW_DAYS = 7;

/**
 * Pages read per list before the reader stops and notes that the list
 * was cut. Apex returns up to 500 rows or 200 files a page.
 */
export const MAX_PAGES_PER_SOURCE = 20;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Event log types whose rows count the same rows processed as a row
 * source's events. Where a file of these types was read, the source's
 * events in the file's period keep their other fields (query text, app
 * id, agent) but leave their row count to the file, so that rows are not
 * counted twice. ApiTotalUsage carries no row count, so it is not one.
 * NOTE: which log types record the same calls as which object is a
 * reading of the documentation, not checked against an org.
 */
export const COUNTING_EVENT_TYPES: Readonly<Record<string, readonly string[]>> =
  {
    ApiEvent: ["API", "RestApi"],
    ReportEvent: ["Report", "ReportExport"]
  };

export interface OrgActivityApi {
  detectSources(): Promise<EventSourceStatus[]>;
  listEventLogFiles(cursor: string | null): Promise<EventLogFilePage>;
  readEventLogFile(fileId: string): Promise<EventLogFileContent>;
  readRealTimeEvents(
    objectName: RealTimeObject,
    since: string,
    cursor: string | null
  ): Promise<EventRowPage>;
  readLoginHistory(since: string, cursor: string | null): Promise<EventRowPage>;
}

/** One event log file read from the org, with its records. */
export interface OrgFile {
  info: EventLogFileInfo;
  records: ActivityRecord[];
}

/** Records of one row source (a real-time object or LoginHistory). */
export interface RowSourceRead {
  source: string;
  records: ActivityRecord[];
  /** False when the page limit cut the list short. */
  complete: boolean;
}

export interface OrgActivity {
  sources: EventSourceStatus[];
  files: OrgFile[];
  rowSources: RowSourceRead[];
  /** Start of the window of real-time events, ISO 8601 UTC. */
  since: string;
  /** Sentences on sources left out, lists cut short and bad rows. */
  notes: string[];
}

export interface ReadOrgActivityOptions {
  /** UTC epoch milliseconds; the window ends here. */
  now: number;
  windowDays?: number;
  maxPages?: number;
}

/**
 * Lists the files whose period ends after `since`, newest first. Listing
 * stops at the first page with a file created before `since`, because a
 * file is created after its period ends and older ones follow it.
 */
async function listFilesSince(
  api: OrgActivityApi,
  since: number,
  maxPages: number
): Promise<{ files: EventLogFileInfo[]; complete: boolean; older: boolean }> {
  const files: EventLogFileInfo[] = [];
  let older = false;
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    // eslint-disable-next-line no-await-in-loop -- each page needs the previous cursor
    const result = await api.listEventLogFiles(cursor);
    for (const file of result.files) {
      if (coverageEnd(file) > since) {
        files.push(file);
      } else {
        older = true;
      }
    }
    cursor = result.nextCursor ?? null;
    const reachedOlder = result.files.some(
      (file) => Date.parse(file.createdDate) < since
    );
    if (cursor === null || reachedOlder) {
      return { files, complete: true, older: older || reachedOlder };
    }
  }
  return { files, complete: false, older };
}

async function readFiles(
  api: OrgActivityApi,
  since: string,
  maxPages: number,
  notes: string[]
): Promise<OrgFile[]> {
  const listing = await listFilesSince(api, Date.parse(since), maxPages);
  if (!listing.complete) {
    notes.push(
      `Only the newest ${listing.files.length} event log files were listed, so older events were not read.`
    );
  }
  if (listing.older) {
    notes.push(
      `Event log files of periods before ${since} were not read, as they fall outside the window.`
    );
  }
  const daily = new Set(
    listing.files
      .filter((file) => file.interval !== "Hourly")
      .map((file) => `${file.eventType}|${file.logDate.slice(0, 10)}`)
  );
  // An org with hourly files also gets the daily file of each day, which
  // contains the same events, so the hourly ones of that day are not read.
  const listed = listing.files.filter(
    (file) =>
      file.interval !== "Hourly" ||
      !daily.has(`${file.eventType}|${file.logDate.slice(0, 10)}`)
  );
  if (listed.length < listing.files.length) {
    notes.push(
      `${listing.files.length - listed.length} hourly event log file(s) were not read, as the daily file of the same type and day holds their events.`
    );
  }
  const readable = listed.filter((file) => file.readableInApex);
  const tooLarge = listed.length - readable.length;
  if (tooLarge > 0) {
    notes.push(
      `${tooLarge} event log file(s) are too large for Apex and were not read. Download them and run oauth-guard analyze on them for findings, or import them on the Activity tab for their figures.`
    );
  }
  const files: OrgFile[] = [];
  for (const info of readable) {
    try {
      // eslint-disable-next-line no-await-in-loop -- one file's CSV in memory at a time
      const content = await api.readEventLogFile(info.id);
      const records: ActivityRecord[] = [];
      // Refresh login and Bulk API job rules read raw fields.
      // eslint-disable-next-line no-await-in-loop -- parsed before the next file is read
      const report = await readActivityFile(
        info.fileKey,
        [content.csv],
        (record) => records.push(record),
        { keepFields: true }
      );
      if (report.problemCount > 0) {
        notes.push(
          `Event log file ${info.fileKey} has ${report.problemCount} unreadable row(s): ${report.problems[0]?.message ?? ""}`
        );
      }
      files.push({ info, records });
    } catch (error) {
      notes.push(
        `Event log file ${info.fileKey} could not be read: ${errorText(error)}`
      );
    }
  }
  return files;
}

async function readRows(
  source: string,
  readPage: (cursor: string | null) => Promise<EventRowPage>,
  maxPages: number,
  notes: string[]
): Promise<RowSourceRead> {
  const read: RowSourceRead = { source, records: [], complete: false };
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    // eslint-disable-next-line no-await-in-loop -- each page needs the previous cursor
    const result = await readPage(cursor);
    const mapped = recordsOfEventRows(result);
    read.records.push(...mapped.records);
    if (mapped.problems.length > 0) {
      notes.push(
        `${mapped.problems.length} ${source} row(s) had no usable time and were left out: ${mapped.problems[0]?.message ?? ""}`
      );
    }
    if (page === 0 && result.missingFields.length > 0) {
      notes.push(
        `${source} lacks these fields in this org, so they are not read: ${result.missingFields.join(", ")}.`
      );
    }
    cursor = result.nextCursor ?? null;
    if (cursor === null) {
      read.complete = true;
      return read;
    }
  }
  notes.push(
    `Only the newest ${read.records.length.toLocaleString("en-US")} ${source} rows were read, so older ones were not.`
  );
  return read;
}

function statusOf(
  sources: readonly EventSourceStatus[],
  name: string
): EventSourceStatus | null {
  return sources.find((status) => status.source === name) ?? null;
}

/**
 * Reads every available source. Sources the org or user lacks are left
 * out with a note that repeats detectSources' reason.
 */
export async function readOrgActivity(
  api: OrgActivityApi,
  options: ReadOrgActivityOptions
): Promise<OrgActivity> {
  const maxPages = options.maxPages ?? MAX_PAGES_PER_SOURCE;
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const since = new Date(options.now - windowDays * DAY_MS).toISOString();
  const sources = await api.detectSources();
  const notes: string[] = [];
  const available = (name: string): boolean => {
    const status = statusOf(sources, name);
    if (status?.available) {
      return true;
    }
    notes.push(
      `${name} was not read: ${status?.reason ?? "the org did not report it as a source."}`
    );
    return false;
  };
  const activity: OrgActivity = {
    sources,
    files: [],
    rowSources: [],
    since,
    notes
  };
  if (available(EVENT_LOG_FILE)) {
    try {
      activity.files = await readFiles(api, since, maxPages, notes);
    } catch (error) {
      notes.push(`Event log files could not be listed: ${errorText(error)}`);
    }
  }
  const rowReaders: [
    string,
    (cursor: string | null) => Promise<EventRowPage>
  ][] = REAL_TIME_OBJECTS.map((objectName) => [
    objectName,
    (cursor) => api.readRealTimeEvents(objectName, since, cursor)
  ]);
  rowReaders.push([
    LOGIN_HISTORY,
    (cursor) => api.readLoginHistory(since, cursor)
  ]);
  for (const [source, readPage] of rowReaders) {
    if (!available(source)) {
      continue;
    }
    try {
      // One source at a time, so that the page makes few Apex calls at once.
      // eslint-disable-next-line no-await-in-loop -- see above
      const read = await readRows(source, readPage, maxPages, notes);
      activity.rowSources.push(read);
    } catch (error) {
      notes.push(`${source} could not be read: ${errorText(error)}`);
    }
  }
  leaveCountsToFiles(activity);
  return activity;
}

/** Returns when a file's log period ends, in UTC epoch milliseconds. */
function coverageEnd(info: EventLogFileInfo): number {
  const start = Date.parse(info.logDate);
  return start + (info.interval === "Hourly" ? HOUR_MS : DAY_MS);
}

/**
 * Clears the row counts of a source's events that fall in the period of a
 * file read whose rows count the same events, and notes how many.
 */
function leaveCountsToFiles(activity: OrgActivity): void {
  for (const read of activity.rowSources) {
    const types = COUNTING_EVENT_TYPES[read.source] ?? [];
    const periods = activity.files
      .filter((file) => types.includes(file.info.eventType))
      .map((file) => ({
        start: Date.parse(file.info.logDate),
        end: coverageEnd(file.info)
      }));
    if (periods.length === 0) {
      continue;
    }
    let cleared = 0;
    read.records = read.records.map((record) => {
      const covered = periods.some(
        (period) => record.time >= period.start && record.time < period.end
      );
      if (!covered || record.rows === null) {
        return record;
      }
      cleared += 1;
      return { ...record, rows: null };
    });
    if (cleared > 0) {
      activity.notes.push(
        `${cleared.toLocaleString("en-US")} ${read.source} event(s) fall in the periods of the ${types.join(" or ")} event log files read, so their rows are counted from the files only.`
      );
    }
  }
}

/** Returns every record of every source, files first. */
export function orgActivityRecords(activity: OrgActivity): ActivityRecord[] {
  return [
    ...activity.files.flatMap((file) => file.records),
    ...activity.rowSources.flatMap((read) => read.records)
  ];
}
