/**
 * The server's entry point (`npm start`, the Dockerfile's CMD): turns on
 * Node's on-disk compile cache, then runs main.ts. Only dynamic imports
 * follow, so every module the server loads is compiled once and read back
 * from the cache on the next start (Node >= 22.1; older Nodes skip it).
 * The cache lives where NODE_COMPILE_CACHE says, else in the OS temp folder;
 * a cache that cannot be written only costs the speed-up.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./main.js');
