/** The CSV importer (docs/import-format.md); see engine.ts for the rules it applies. */
export { importFolder, formatError } from "./engine";
export type { ImportProgress, ImportError, FileReport, ImportReport, ImportOptions, PresetName } from "./types";
export { PRESETS, PRESET_NAMES } from "./presets";
export { CONTRACT_FILES } from "./specs";
