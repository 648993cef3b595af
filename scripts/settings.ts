import { runCli } from "@/lib/cli/run";
import { runSettingsCommand } from "@/lib/settings/cli";

/** `npm run settings -- get` / `npm run settings -- set KEY=VALUE ... [--effective always|now]` (README.md, "Configuration"). */
await runCli(({ db }) => runSettingsCommand(db, process.argv.slice(2)));
