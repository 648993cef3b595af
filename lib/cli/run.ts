import "server-only";
import { getConnection, type Connection } from "@/db/client";

/** An operator error: printed as one line on standard error, exit status 1, no stack. */
export class CliError extends Error {}

/**
 * Runs an operator command: opens the database, runs `main`, closes, and turns any failure into
 * one clear line on standard error and a non-zero exit status (the commands: README.md).
 */
export async function runCli(main: (conn: Connection) => Promise<number | void>): Promise<never> {
  let conn: Connection | null = null;
  let status = 0;
  try {
    conn = await getConnection();
    status = (await main(conn)) ?? 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message.split("\n")[0]}\n`);
    if (process.env.ALIGNBOARD_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    status = 1;
  } finally {
    await conn?.close().catch(() => undefined);
  }
  process.exit(status);
}

/** Parses `--flag value` / `--flag` arguments into a map; positional arguments are kept apart. */
export function parseArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) flags.set(arg.slice(2), argv[++i]!);
      else flags.set(arg.slice(2), true);
    } else positional.push(arg);
  }
  return { flags, positional };
}
