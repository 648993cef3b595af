import { runCli } from "@/lib/cli/run";
import { runUserCommand } from "@/lib/users/cli";

/**
 * `npm run user -- create --email E --name N --role R --password-stdin` (creates or updates a
 * login user; the first admin comes from here), `list`, `set-role`, `disable`, `enable`.
 */
await runCli(({ db }) => runUserCommand(db, process.argv.slice(2)));
