import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium as launchWith } from './browser.js';

/**
 * A client on a network of its own: a Linux network namespace joined to this host by a veth
 * pair, each end with its own address. What it is for: proving TURN. LiveKit's TURN server
 * refuses to relay to loopback and private addresses (pkg/service/turn.go), and a client on the
 * server's own loopback does not behave like a remote one. Here the host end is the server's
 * address (`LIVEKIT_NODE_IP`), the client end is somewhere else, and both are in 198.18.0.0/15
 * (RFC 2544, reserved for benchmark networks): not loopback, private or link-local, so TURN
 * relays to the server without any allow-list, exactly as in production.
 *
 * The client reaches this host at `hostAddress` only (not at 127.0.0.1, which is its own): a
 * server it talks to listens there or on every address, or `forwardTcp` maps a port of the
 * namespace's loopback to it, so that `https://localhost:<port>` works for the client too.
 *
 * Needs root, or passwordless sudo, for `ip netns`. Every name carries this process's pid:
 * two runs never collide, and a later run removes what a killed one left behind.
 */
export interface ClientNetwork {
  /** The namespace's name (`ip netns exec <name> …`). */
  name: string;
  /** This host's end of the link: the address a server here advertises to the client. */
  hostAddress: string;
  /** The client's own address, inside the namespace. */
  clientAddress: string;
  /** Replaces the namespace's `/etc/hosts` (for names the client resolves, e.g. TURN's). */
  setHosts(entries: Record<string, string>): void;
  /** Runs a command inside the namespace; returns its output, throws when it fails. */
  run(command: string, args: string[]): string;
  /**
   * A firewall in the client's network (nftables, in the namespace only): drops what the client
   * sends to `hostAddress` by these rules (a protocol, and its destination ports or all of them),
   * replacing any earlier block; `[]` lifts it. What a strict hotel or company network does to
   * media ports, while the web and the forwards of `forwardTcp` still work.
   */
  block(rules: BlockRule[]): void;
  /** Packets `block` dropped since its last call: proof that the firewall was in the way. */
  droppedPackets(): number;
  /**
   * Forwards TCP from `listen` inside the namespace to `to` (reached over the link), for as
   * long as the network exists: a stand-in for a port that a load balancer, or a second IP
   * of the server, maps to another (LiveKit tells clients TURN over TLS is on port 443).
   */
  forwardTcp(
    listen: { host: string; port: number },
    to: { host: string; port: number },
  ): Promise<void>;
  /**
   * Debian's Chromium running inside the namespace (fake camera and microphone, like
   * `launchBrowser`), with a fresh home whose NSS database trusts `trustCaFile` if given:
   * the only trust store Chromium on Linux consults for TURN over TLS as for HTTPS.
   */
  launchChromium(options?: { trustCaFile?: string }): Promise<Browser>;
  /** Stops the forwards and removes the namespace, its link and its files. Idempotent. */
  dispose(): Promise<void>;
}

/** Traffic to the host that `block` drops: one protocol, to some ports or (no `ports`) all. */
export interface BlockRule {
  protocol: 'udp' | 'tcp';
  ports?: number[];
}

const PREFIX = 'sct';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = asRoot ? [] : ['sudo', '-n'];

function privileged(
  args: string[],
  options: { allowFailure?: boolean; input?: string; hint?: string } = {},
): string {
  const [cmd, ...rest] = [...sudo, ...args];
  const res = spawnSync(cmd!, rest, { encoding: 'utf8', input: options.input });
  if (res.error)
    throw new Error(`${args[0]} cannot be run (${res.error.message}): install iproute2`);
  if (res.status !== 0 && !options.allowFailure) {
    const hint = options.hint
      ? ` (${options.hint})`
      : asRoot
        ? ''
        : ' (network namespaces need root or passwordless sudo)';
    throw new Error(`\`${args.join(' ')}\` failed${hint}: ${res.stderr.trim()}`);
  }
  return res.stdout;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the namespaces (and their hosts files) of test processes that no longer run. */
function removeStale(): void {
  for (const line of privileged(['ip', 'netns', 'list']).split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const pid = new RegExp(`^${PREFIX}(\\d+)-[0-9a-f]+$`).exec(name)?.[1];
    if (pid && !alive(Number(pid))) removeNamespace(name);
  }
}

function removeNamespace(name: string): void {
  privileged(['ip', 'netns', 'delete', name], { allowFailure: true });
  privileged(['rm', '-rf', `/etc/netns/${name}`], { allowFailure: true });
}

/** A /30 in 198.18.0.0/15 that no interface of this host uses yet. */
function freeSubnet(): { host: string; client: string } {
  const used = privileged(['ip', '-4', '-o', 'addr', 'show']);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const prefix = `198.${18 + randomInt(2)}.${randomInt(256)}`;
    const base = randomInt(64) * 4;
    if (!used.includes(` ${prefix}.${base + 1}/`)) {
      return { host: `${prefix}.${base + 1}`, client: `${prefix}.${base + 2}` };
    }
  }
  throw new Error('no free /30 found in 198.18.0.0/15');
}

export function createClientNetwork(): ClientNetwork {
  removeStale();
  const id = randomBytes(3).toString('hex');
  const name = `${PREFIX}${process.pid}-${id}`;
  // Interface names are at most 15 characters.
  const hostIf = `${PREFIX}${id}h`;
  const clientIf = `${PREFIX}${id}c`;
  const { host, client } = freeSubnet();
  const workDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const forwards: ChildProcess[] = [];
  let disposed = false;

  const cleanUp = () => {
    if (disposed) return;
    disposed = true;
    for (const forward of forwards) forward.kill('SIGKILL');
    removeNamespace(name);
    rmSync(workDir, { recursive: true, force: true });
    process.off('exit', cleanUp);
  };
  // A test that throws still gets here; a killed process leaves it to removeStale().
  process.on('exit', cleanUp);

  try {
    privileged(['ip', 'netns', 'add', name]);
    // Created with its client end already inside: deleting the namespace removes both ends.
    privileged([
      'ip',
      'link',
      'add',
      hostIf,
      'type',
      'veth',
      'peer',
      'name',
      clientIf,
      'netns',
      name,
    ]);
    privileged(['ip', 'addr', 'add', `${host}/30`, 'dev', hostIf]);
    privileged(['ip', 'link', 'set', hostIf, 'up']);
    privileged(['ip', '-n', name, 'addr', 'add', `${client}/30`, 'dev', clientIf]);
    privileged(['ip', '-n', name, 'link', 'set', clientIf, 'up']);
    privileged(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    cleanUp();
    throw err;
  }

  const network: ClientNetwork = {
    name,
    hostAddress: host,
    clientAddress: client,

    setHosts(entries) {
      const lines = ['127.0.0.1 localhost', '::1 localhost'];
      for (const [hostname, address] of Object.entries(entries))
        lines.push(`${address} ${hostname}`);
      const file = join(workDir, 'hosts');
      writeFileSync(file, `${lines.join('\n')}\n`);
      chmodSync(file, 0o644);
      // `ip netns exec` bind-mounts /etc/netns/<name>/hosts over /etc/hosts for what it runs.
      privileged(['mkdir', '-p', `/etc/netns/${name}`]);
      privileged(['cp', file, `/etc/netns/${name}/hosts`]);
    },

    run(command, args) {
      return privileged(['ip', 'netns', 'exec', name, command, ...args]);
    },

    block(rules) {
      // One table of our own, replaced whole: `nft` applies the script atomically.
      const statements = [
        'table inet sct_block',
        'delete table inet sct_block',
        'table inet sct_block {',
        '  chain out {',
        '    type filter hook output priority 0; policy accept;',
        ...rules.map(
          (r) =>
            `    ip daddr ${host} ` +
            (r.ports
              ? `${r.protocol} dport { ${r.ports.join(', ')} }`
              : `meta l4proto ${r.protocol}`) +
            ' counter drop',
        ),
        '  }',
        '}',
      ];
      privileged(['ip', 'netns', 'exec', name, 'nft', '-f', '-'], {
        input: `${statements.join('\n')}\n`,
        hint: 'nft comes with nftables',
      });
    },

    droppedPackets() {
      const table = privileged(
        ['ip', 'netns', 'exec', name, 'nft', 'list', 'table', 'inet', 'sct_block'],
        {
          allowFailure: true,
        },
      );
      return [...table.matchAll(/counter packets (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    },

    async forwardTcp(listen, to) {
      const script = [
        "const net = require('node:net');",
        'const [host, port, toHost, toPort] = process.argv.slice(1);',
        'net.createServer((c) => {',
        '  const s = net.connect(Number(toPort), toHost);',
        '  c.pipe(s); s.pipe(c);',
        '  c.on("error", () => s.destroy()); s.on("error", () => c.destroy());',
        '  c.on("close", () => s.destroy()); s.on("close", () => c.destroy());',
        "}).listen(Number(port), host, () => console.log('listening'));",
      ].join('\n');
      const args = [
        ...sudo,
        'ip',
        'netns',
        'exec',
        name,
        // Dies with us even when we are killed (the kernel sends SIGKILL).
        'setpriv',
        '--pdeathsig',
        'KILL',
        '--',
        process.execPath,
        '-e',
        script,
        listen.host,
        String(listen.port),
        to.host,
        String(to.port),
      ];
      const child = spawn(args[0]!, args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      forwards.push(child);
      await new Promise<void>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(
          () => reject(new Error(`TCP forward did not start: ${output}`)),
          10_000,
        );
        const onData = (d: Buffer) => {
          output += d.toString();
          if (output.includes('listening')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`TCP forward exited (${code}): ${output}`));
        });
      });
    },

    async launchChromium(options = {}) {
      const home = mkdtempSync(join(workDir, 'home-'));
      if (options.trustCaFile) trustInNssDb(home, options.trustCaFile);
      const wrapper = join(workDir, `chromium-${randomBytes(2).toString('hex')}.sh`);
      // `ip netns exec` keeps the environment, but sudo would not: HOME is set inside.
      writeFileSync(
        wrapper,
        `#!/bin/sh\nexec ${[...sudo, 'ip', 'netns', 'exec', name, 'env', `HOME=${home}`, CHROMIUM].join(' ')} "$@"\n`,
      );
      chmodSync(wrapper, 0o755);
      return launchWith(wrapper);
    },

    dispose: async () => {
      const exits = forwards
        .filter((f) => f.exitCode === null && f.signalCode === null)
        .map((f) => new Promise((resolve) => f.once('exit', resolve)));
      for (const forward of forwards) forward.kill('SIGKILL');
      await Promise.all(exits);
      cleanUp();
    },
  };
  return network;
}

/** A new NSS database in `home/.pki/nssdb` that trusts `caFile` to identify TLS servers. */
function trustInNssDb(home: string, caFile: string): void {
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  for (const args of [
    ['-N', '-d', `sql:${db}`, '--empty-password'],
    ['-A', '-d', `sql:${db}`, '-t', 'C,,', '-n', 'stagecast-test-ca', '-i', caFile],
  ]) {
    const res = spawnSync('certutil', args, { encoding: 'utf8' });
    if (res.error)
      throw new Error(`certutil is not installed (libnss3-tools): ${res.error.message}`);
    if (res.status !== 0) throw new Error(`certutil ${args[0]} failed: ${res.stderr}`);
  }
}
