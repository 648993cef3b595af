import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CliError, parseArgs } from "@/lib/cli/run";
import { formatZodError } from "@/lib/actions/zod-errors";
import { LOCALES, type Locale, type Role } from "@/lib/enums";
import { LastAdminError } from "./admins";
import { findUserByEmail, listUsers, setUserDisabled, setUserRole, UserNotFoundError } from "./manage";
import { upsertUser, userInputSchema } from "./users";

const USAGE =
  "usage: npm run user -- create --email E --name N --role R [--locale en|es] --password-stdin" +
  " | list | set-role --email E --role R | disable --email E | enable --email E";

export type UserCliIo = { out: (line: string) => void; readStdin: () => Promise<string> };

/** Reads all of standard input (the password for --password-stdin). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Drops one trailing newline (\n or \r\n), as `echo pw |` or a file adds. */
export function stripTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

function required(flags: Map<string, string | true>, name: string): string {
  const value = flags.get(name);
  if (typeof value !== "string" || value.trim() === "") throw new CliError(`--${name} is required`);
  return value;
}

function optional(flags: Map<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new CliError(`--${name} needs a value`);
  return value;
}

/** `user create|list|set-role|disable|enable`, via the library (upsertUser, manage.ts). */
export async function runUserCommand(
  db: Db,
  argv: string[],
  io: UserCliIo = { out: (line) => console.log(line), readStdin: readAllStdin },
): Promise<number> {
  const { flags, positional } = parseArgs(argv);
  const [command] = positional;
  try {
    switch (command) {
      case "create": {
        const email = required(flags, "email");
        // Name the bad field before asking for a password on standard input.
        const precheck = userInputSchema.omit({ password: true, locale: true }).safeParse({
          email,
          name: required(flags, "name"),
          role: required(flags, "role").trim().toLowerCase(),
        });
        if (!precheck.success) {
          const issue = precheck.error.issues[0];
          throw new CliError(`${String(issue?.path[0] ?? "input")}: ${issue?.message ?? "invalid"}`);
        }
        let password: string | undefined;
        if (flags.get("password-stdin") === true) {
          password = stripTrailingNewline(await io.readStdin());
          if (password === "") throw new CliError("password: standard input was empty");
        } else if (flags.has("password-stdin")) {
          throw new CliError("--password-stdin takes no value: pipe the password into standard input");
        } else if (flags.has("password")) {
          throw new CliError("passwords are not accepted on the command line: use --password-stdin");
        }
        const existing = await findUserByEmail(db, email);
        if (!existing && password === undefined) {
          throw new CliError("--password-stdin is required when creating a user");
        }
        const localeFlag = optional(flags, "locale");
        const locale = localeFlag === undefined ? undefined : localeFlag.trim().toLowerCase();
        if (locale !== undefined && !isLocale(locale)) throw new CliError(`locale: must be one of ${LOCALES.join(", ")}`);
        const role = required(flags, "role").trim().toLowerCase();
        const result = await upsertUser(
          db,
          { email, name: required(flags, "name"), role: role as Role, locale, password },
          { label: "cli" },
        );
        io.out(`${result.created ? "created" : "updated"} user ${email.trim().toLowerCase()} (${role})`);
        return 0;
      }
      case "list": {
        const rows = await listUsers(db);
        if (rows.length === 0) io.out("no users");
        for (const u of rows) {
          io.out(
            `id=${u.id} email=${u.email} name=${JSON.stringify(u.name)} role=${u.role} locale=${u.locale}` +
              `${u.disabled ? " disabled" : ""}${u.hasPassword ? "" : " no-password"}`,
          );
        }
        return 0;
      }
      case "set-role": {
        const email = required(flags, "email");
        const r = await setUserRole(db, { email }, required(flags, "role"), { label: "cli" });
        io.out(r.changed ? `user ${r.email} is now ${required(flags, "role").trim()}` : `user ${r.email} already has that role`);
        return 0;
      }
      case "disable":
      case "enable": {
        const r = await setUserDisabled(db, { email: required(flags, "email") }, command === "disable", { label: "cli" });
        io.out(r.changed ? `${command}d user ${r.email}` : `user ${r.email} was already ${command}d`);
        return 0;
      }
      default:
        throw new CliError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
    }
  } catch (err) {
    if (err instanceof z.ZodError) throw new CliError(formatZodError(err));
    if (err instanceof LastAdminError || err instanceof UserNotFoundError) throw new CliError(err.message);
    throw err;
  }
}
