import { runCli } from "@/lib/cli/run";
import { runApiKeyCommand } from "@/lib/apikeys/cli";

/** `npm run apikey -- create --name NAME --role ROLE | list | revoke --id N` (data-contract.md §3). */
await runCli(({ db }) => runApiKeyCommand(db, process.argv.slice(2)));
