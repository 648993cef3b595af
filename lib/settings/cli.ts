import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CliError } from "@/lib/cli/run";
import { formatZodError } from "@/lib/actions/zod-errors";
import { getSettings, isSettingKey, SETTING_KEYS, updateSettings, type Settings, type SettingsPatch } from "./settings";

const USAGE = `usage: npm run settings -- get | set KEY=VALUE ... (keys: ${SETTING_KEYS.join(", ")})`;

export function formatSettings(settings: Settings): string[] {
  return SETTING_KEYS.map((key) => {
    const value = settings[key];
    return `${key}=${Array.isArray(value) ? value.join(",") : String(value)}`;
  });
}

/** Parses `KEY=VALUE` arguments into a patch; an unknown or repeated key is a CliError. */
export function parseAssignments(args: string[]): SettingsPatch {
  if (args.length === 0) throw new CliError(`nothing to set; ${USAGE}`);
  const patch: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new CliError(`"${arg}" is not KEY=VALUE; ${USAGE}`);
    const key = arg.slice(0, eq).trim().toLowerCase();
    if (!isSettingKey(key)) throw new CliError(`unknown setting "${key}" (known: ${SETTING_KEYS.join(", ")})`);
    if (key in patch) throw new CliError(`${key}: given more than once`);
    patch[key] = arg.slice(eq + 1);
  }
  return patch as SettingsPatch;
}

/** `settings get` / `settings set KEY=VALUE ...`; writes output lines through `out`. */
export async function runSettingsCommand(
  db: Db,
  argv: string[],
  out: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "get") {
    if (rest.length) throw new CliError(`get takes no arguments; ${USAGE}`);
    for (const line of formatSettings(await getSettings(db))) out(line);
    return 0;
  }
  if (command === "set") {
    const patch = parseAssignments(rest);
    try {
      const { settings, changed } = await updateSettings(db, patch, { label: "cli" });
      out(changed.length ? `updated ${changed.join(", ")}` : "nothing changed");
      for (const line of formatSettings(settings)) out(line);
      return 0;
    } catch (err) {
      if (err instanceof z.ZodError) throw new CliError(formatZodError(err));
      throw err;
    }
  }
  throw new CliError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
}
