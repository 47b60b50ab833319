// `npm run bench:server [-- --quick]`: the sync server under load, in real processes.
import { main } from './run';

await main(process.argv.slice(2));
process.exit(0);
