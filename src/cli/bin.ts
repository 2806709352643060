/** Entry point of the `wuerror` command (bin/wuerror.js loads the compiled copy). */
import { runFromProcess } from './main.js';

await runFromProcess();
