import { fileURLToPath } from "node:url";

/**
 * Where the test fixtures live: `test/fixtures/` at the repository root, found from this
 * file's own location (not from the working directory), so Vitest, Playwright and scripts find
 * them whatever folder they run in. The fixtures are data, not tests: see test/fixtures/README.md.
 */

/** The folder holding every fixture set. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../test/fixtures/", import.meta.url));

/** The worked example (`tiny`): ten contract CSVs, README.md with the arithmetic, expected.json. */
export const TINY_DIR = fileURLToPath(new URL("../../test/fixtures/tiny/", import.meta.url));

/** `tiny` plus rows the importer must reject, listed in expected-errors.txt. */
export const TINY_BAD_ROWS_DIR = fileURLToPath(new URL("../../test/fixtures/tiny-bad-rows/", import.meta.url));

/** Real-format CRM exports (issue 14): `crm/hubspot` (a small HubSpot export folder), Salesforce extracts and a report. */
export const CRM_FIXTURES_DIR = fileURLToPath(new URL("../../test/fixtures/crm/", import.meta.url));
