/**
 * The report result cache and admission control (issue 15 items 3–4; docs/scaling.md). Server
 * code. Wrap a report's computation with `cachedReport`; see ./report-cache.ts.
 */
export { cachedReport, cacheEnabled, cacheTtlMs, cacheStats, readerStats, stableJson, type ReportSpec, type ReportAsOf, type CacheOptions } from "./report-cache";
export { Admission, admissionFor, admissionLimits, type AdmissionLimits } from "./admission";
export { ReportBusyError, isReportBusy, REPORT_BUSY_CODE, REPORT_BUSY_MESSAGE } from "./busy";
export { readVersions, bumpReportVersion, compactReportVersions, type ReportVersions } from "./versions";
