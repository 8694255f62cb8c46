// `npm run livekit:install`: prints the path of livekit-server, installing it when missing.
import { ensureLivekitServer } from './livekit-server.mjs';

try {
  process.stdout.write(`${await ensureLivekitServer()}\n`);
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
