import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/**
 * Runs the embedded `livekit-server` as a child process: starts it, waits until it answers,
 * restarts it with backoff when it dies (logging its last lines), and stops it on shutdown.
 *
 * The child must never outlive us, even when we are SIGKILLed and get no chance to stop it: on
 * Linux it is started through `setpriv --pdeathsig KILL`, so the kernel kills it when we die;
 * elsewhere a small shell wrapper polls our pid and kills it.
 */

export interface SupervisorOptions {
  binary: string;
  configPath: string;
  /** The signal port, polled until it answers. */
  port: number;
  logger: Logger;
  /** How long one start may take before it counts as failed. */
  readyTimeoutMs?: number;
  /** First restart delay; it doubles after each failed start, up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

export type SupervisorState =
  'idle' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface SupervisorEvents {
  ready: [pid: number];
  exit: [code: number | null, signal: NodeJS.Signals | null];
}

const TAIL_LINES = 40;
/** A child that stayed up this long is healthy: the next crash restarts it without delay. */
const HEALTHY_AFTER_MS = 30_000;

let setprivAvailable: boolean | undefined;
function hasSetpriv(): boolean {
  if (process.platform !== 'linux') return false;
  setprivAvailable ??= spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
  return setprivAvailable;
}

/** The command that starts the binary so that it dies with this process. */
export function orphanSafeCommand(binary: string, args: string[]): [string, string[]] {
  if (hasSetpriv()) return ['setpriv', ['--pdeathsig', 'KILL', '--', binary, ...args]];
  const watchdog = [
    'p=$1; shift',
    '"$@" & c=$!',
    "trap 'kill -TERM $c 2>/dev/null' TERM INT",
    'while kill -0 $c 2>/dev/null; do',
    '  kill -0 $p 2>/dev/null || { kill -KILL $c 2>/dev/null; break; }',
    '  sleep 1',
    'done',
    'wait $c',
  ].join('\n');
  return ['sh', ['-c', watchdog, 'livekit-watchdog', String(process.pid), binary, ...args]];
}

export class LivekitSupervisor extends EventEmitter<SupervisorEvents> {
  private child: ChildProcess | undefined;
  private readonly tail: string[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelay: number;
  private startedAt = 0;
  private _state: SupervisorState = 'idle';
  private _restarts = 0;
  private readonly log: Logger;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.restartDelay = options.restartDelayMs ?? 500;
    this.log = options.logger.child({ component: 'livekit-server' });
  }

  get state(): SupervisorState {
    return this._state;
  }

  /** The pid of the running child (the livekit-server process itself on Linux). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How many times the child was restarted after dying. */
  get restarts(): number {
    return this._restarts;
  }

  /** The last lines the child wrote, newest last. */
  lastLines(): string[] {
    return [...this.tail];
  }

  /** Starts the child and resolves once it answers; rejects with its last lines if it cannot. */
  async start(): Promise<void> {
    if (this._state !== 'idle' && this._state !== 'stopped') return;
    await this.launch();
  }

  private async launch(): Promise<void> {
    this._state = 'starting';
    const [cmd, args] = orphanSafeCommand(this.options.binary, [
      '--config',
      this.options.configPath,
    ]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.startedAt = Date.now();
    this.capture(child);
    const exited = new Promise<string>((resolve) => {
      child.once('error', (err) => resolve(`could not be started: ${err.message}`));
      child.once('exit', (code, signal) => {
        this.onExit(child, code, signal);
        resolve(`exited during start (code ${code}, signal ${signal})`);
      });
    });
    const ready = this.waitUntilAnswering(child);
    const outcome = await Promise.race([ready, exited]);
    if (outcome !== 'ready') {
      child.kill('SIGKILL');
      throw new Error(
        `livekit-server ${outcome}. Its last lines:\n${this.lastLines().slice(-15).join('\n')}`,
      );
    }
    this._state = 'running';
    this.log.info({ pid: child.pid, port: this.options.port }, 'livekit-server ready');
    this.emit('ready', child.pid ?? 0);
  }

  private async waitUntilAnswering(child: ChildProcess): Promise<string> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 30_000);
    const url = `http://127.0.0.1:${this.options.port}/`;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        await res.body?.cancel();
        if (res.ok) return 'ready';
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return `did not answer on ${url} within ${this.options.readyTimeoutMs ?? 30_000} ms`;
  }

  private capture(child: ChildProcess): void {
    let partial = '';
    const onData = (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.onLine(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  }

  private onLine(line: string): void {
    this.tail.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    let level = 'info';
    let msg = line;
    try {
      const parsed = JSON.parse(line) as { level?: string; msg?: string };
      level = parsed.level ?? level;
      msg = parsed.msg ?? msg;
    } catch {
      // a plain-text line
    }
    if (level === 'error' || level === 'fatal' || level === 'panic') this.log.error(msg);
    else if (level === 'warn') this.log.warn(msg);
    else this.log.debug(msg);
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.emit('exit', code, signal);
    if (this._state === 'stopping' || this._state === 'stopped') return;
    // A child that dies while starting is reported by launch() itself.
    if (this._state === 'starting') return;
    this.log.error(
      { code, signal, lastLines: this.lastLines().slice(-15) },
      'livekit-server died; restarting it',
    );
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const healthy = Date.now() - this.startedAt > HEALTHY_AFTER_MS;
    const delay = healthy ? 0 : this.restartDelay;
    this.restartDelay = healthy
      ? (this.options.restartDelayMs ?? 500)
      : Math.min(this.restartDelay * 2, this.options.maxRestartDelayMs ?? 30_000);
    this._state = 'restarting';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this._state !== 'restarting') return;
      this._restarts += 1;
      this.launch().catch((err: Error) => {
        this.log.error({ err }, 'livekit-server restart failed');
        if (this._state === 'starting') this.scheduleRestart();
      });
    }, delay);
  }

  /**
   * Stops the child: SIGTERM (LiveKit then waits for participants to leave), a second SIGTERM
   * after `graceMs` (LiveKit closes at once), SIGKILL if it is still there after that.
   */
  async stop(graceMs = 2_000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    this._state = 'stopping';
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const waitFor = (ms: number) =>
        Promise.race([
          gone.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
        ]);
      child.kill('SIGTERM');
      if (!(await waitFor(graceMs))) {
        child.kill('SIGTERM');
        if (!(await waitFor(5_000))) {
          child.kill('SIGKILL');
          await gone;
        }
      }
    }
    this.child = undefined;
    this._state = 'stopped';
    this.log.info('livekit-server stopped');
  }
}
