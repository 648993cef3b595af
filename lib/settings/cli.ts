import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CliError } from "@/lib/cli/run";
import { formatZodError } from "@/lib/actions/zod-errors";
import {
  getSettings,
  isSettingKey,
  SETTING_KEYS,
  SETTINGS_EFFECTIVE,
  SLA_POLICY_KEYS,
  updateSettings,
  type Settings,
  type SettingsEffective,
  type SettingsPatch,
} from "./settings";
import { deleteRate, listRates, RateError, setRate } from "@/lib/import/mapping/rates";

const USAGE = `usage: npm run settings -- get | rate list|set|delete | set KEY=VALUE ... [--effective always|now] (keys: ${SETTING_KEYS.join(", ")}; --effective now starts a new SLA policy version, the default "always" corrects the policy in force)`;

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

/**
 * The arguments of `set`: the KEY=VALUE assignments and `--effective always|now` (also
 * `--effective=now`), anywhere among them; default "always" (docs/sla.md). A bad or repeated flag
 * is a CliError.
 */
export function parseSetArguments(args: string[]): { patch: SettingsPatch; effective: SettingsEffective } {
  const assignments: string[] = [];
  let effective: SettingsEffective | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      assignments.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flag !== "effective") throw new CliError(`unknown option "--${flag}"; ${USAGE}`);
    if (effective !== null) throw new CliError(`--effective: given more than once`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith("--")) throw new CliError(`--effective needs a value: ${SETTINGS_EFFECTIVE.join(" or ")}`);
    const mode = value.trim().toLowerCase();
    if (!(SETTINGS_EFFECTIVE as readonly string[]).includes(mode)) {
      throw new CliError(`--effective: "${value}" is not one of ${SETTINGS_EFFECTIVE.join(", ")}`);
    }
    effective = mode as SettingsEffective;
  }
  return { patch: parseAssignments(assignments), effective: effective ?? "always" };
}

/** `settings get` / `settings set KEY=VALUE ... [--effective always|now]`; writes output lines through `out`. */
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
    const { patch, effective } = parseSetArguments(rest);
    try {
      const { settings, changed } = await updateSettings(db, patch, { label: "cli" }, { effective });
      const policyChanged = changed.some((k) => SLA_POLICY_KEYS.includes(k));
      out(
        changed.length === 0
          ? "nothing changed"
          : `updated ${changed.join(", ")}${
              !policyChanged
                ? ""
                : effective === "now"
                  ? " (SLA policy: new version from now on; earlier MQLs keep the previous one)"
                  : " (SLA policy corrected: applies to all MQLs since the last recorded version)"
            }`,
      );
      for (const line of formatSettings(settings)) out(line);
      return 0;
    } catch (err) {
      if (err instanceof z.ZodError) throw new CliError(formatZodError(err));
      throw err;
    }
  }
  if (command === "rate") return runRateCommand(db, rest, out);
  throw new CliError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
}

const RATE_USAGE = "usage: npm run settings -- rate list | rate set CODE=RATE ... | rate delete CODE (RATE: units of the reporting currency per 1 CODE, e.g. EUR=1.08)";

/** `settings rate list|set|delete`: exchange rates for importing deals in other currencies (docs/crm-import.md). */
async function runRateCommand(db: Db, args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  const { currency } = await getSettings(db);
  if (sub === "list" && rest.length === 0) {
    const rates = await listRates(db);
    if (rates.length === 0) out(`no exchange rates set (reporting currency ${currency})`);
    for (const r of rates) out(`${r.currency}=${r.rate} (${currency} per 1 ${r.currency}, version ${r.version})`);
    return 0;
  }
  if (sub === "set" && rest.length > 0) {
    for (const arg of rest) {
      const eq = arg.indexOf("=");
      if (eq <= 0) throw new CliError(`"${arg}" is not CODE=RATE; ${RATE_USAGE}`);
      try {
        const r = await setRate(db, { currency: arg.slice(0, eq), rate: arg.slice(eq + 1) }, { label: "cli" });
        out(`${r.currency}=${r.rate} (${currency} per 1 ${r.currency}, version ${r.version})`);
      } catch (err) {
        if (err instanceof RateError) throw new CliError(err.message);
        throw err;
      }
    }
    return 0;
  }
  if (sub === "delete" && rest.length === 1) {
    out((await deleteRate(db, rest[0]!, { label: "cli" })) ? `deleted the ${rest[0]!.toUpperCase()} rate` : `no rate for ${rest[0]!.toUpperCase()}`);
    return 0;
  }
  throw new CliError(RATE_USAGE);
}
