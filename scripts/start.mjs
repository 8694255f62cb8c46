// `npm start`: installs what is missing, then runs the platform in this process.
import { pathToFileURL } from 'node:url';
import { buildWeb, checkNode, installPackages, prepareLivekit, step } from './prepare.mjs';

checkNode();
installPackages();
await prepareLivekit();
buildWeb();
// Imported only now: it needs esbuild, which the install above provides.
const { buildServer } = await import('./build-server.mjs');
const bundle = await buildServer();
step('starting the server…');
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
