// `npm start`: installs what is missing, then runs the platform in this process.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildWeb, checkNode, installPackages, prepareLivekit, root, step } from './prepare.mjs';

checkNode();
installPackages();
await prepareLivekit();
buildWeb();
step('starting the server…');
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(join(root, 'apps', 'server', 'src', 'server.ts')).href);
