/**
 * The guard core's activity reading and aggregation, bundled for Node
 * scripts such as the benchmark, which load it from
 * dist/cli/activity-core.mjs.
 */
export { ActivityAggregator } from "c/activityAggregate";
export { readActivityFile } from "c/activityImport";
export { CsvParser } from "c/csvParser";
export { EventLogFileReader, EventLogRowMapper } from "c/eventLogFile";
