import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CliError, parseArgs } from "@/lib/cli/run";
import { formatZodError } from "@/lib/actions/zod-errors";
import { createApiKey, listApiKeys, revokeApiKey, API_KEY_PREFIX } from "./keys";

const USAGE =
  "usage: npm run apikey -- create --name NAME --role ROLE | list | revoke --id N";

function flag(flags: Map<string, string | true>, name: string): string {
  const value = flags.get(name);
  if (typeof value !== "string" || value.trim() === "") throw new CliError(`--${name} is required; ${USAGE}`);
  return value;
}

const iso = (d: Date | null) => (d ? d.toISOString() : "-");

/** `apikey create|list|revoke`. `create` prints the key alone on the last line of output. */
export async function runApiKeyCommand(
  db: Db,
  argv: string[],
  out: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const { flags, positional } = parseArgs(argv);
  const [command] = positional;
  if (command === "create") {
    try {
      const created = await createApiKey(db, { name: flag(flags, "name"), role: flag(flags, "role") }, { label: "cli" });
      out(`created API key ${created.id} (${API_KEY_PREFIX}${created.prefix}…); it is shown only once:`);
      out(created.key);
      return 0;
    } catch (err) {
      if (err instanceof z.ZodError) throw new CliError(formatZodError(err));
      throw err;
    }
  }
  if (command === "list") {
    const keys = await listApiKeys(db);
    if (keys.length === 0) out("no API keys");
    for (const k of keys) {
      out(
        [
          `id=${k.id}`,
          `name=${JSON.stringify(k.name)}`,
          `role=${k.role}`,
          `prefix=${API_KEY_PREFIX}${k.prefix}`,
          `created=${iso(k.createdAt)}`,
          `last_used=${iso(k.lastUsedAt)}`,
          `revoked=${iso(k.revokedAt)}`,
        ].join(" "),
      );
    }
    return 0;
  }
  if (command === "revoke") {
    const raw = flag(flags, "id");
    const id = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
      throw new CliError(`--id: "${raw}" is not a key id`);
    }
    const result = await revokeApiKey(db, id, { label: "cli" });
    if (result === "not_found") throw new CliError(`--id: no API key with id ${id}`);
    out(result === "revoked" ? `revoked API key ${id}` : `API key ${id} was already revoked`);
    return 0;
  }
  throw new CliError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
}
