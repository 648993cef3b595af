-- A refresh ahead of an as_of = now result is claimed in the row (lib/cache/report-cache.ts,
-- claimRefresh) so that of all the server processes and instances serving the stale-ish result,
-- one recomputes it, instead of one per process.
ALTER TABLE "report_cache" ADD COLUMN "refresh_until" timestamp with time zone;
