import { runCli } from "@/lib/cli/run";
import { runApiKeyCommand } from "@/lib/apikeys/cli";

/** `npm run apikey -- create --name NAME --role ROLE | list | revoke --id N` (docs/api.md). */
await runCli(({ db }) => runApiKeyCommand(db, process.argv.slice(2)));
