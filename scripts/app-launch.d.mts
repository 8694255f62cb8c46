// Types for app-launch.mjs, so that TypeScript tests and benches can import it.
export interface AppLaunch {
  port: number;
  livekitPort: number;
  baseUrl: string;
  /** Where rtc-node and browser clients connect. */
  livekitUrl: string;
  /** For `spawn(process.execPath, args, { cwd, env })`. */
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** Free ports and the command, folder and environment that start the real app on them. */
export declare function appLaunch(options: {
  dataDir: string;
  livekitBin: string;
  databaseUrl?: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  env?:
    | Record<string, string>
    | ((ports: { port: number; livekitPort: number }) => Record<string, string>)
    | undefined;
  nodeArgs?: string[];
  /** The ports of an earlier run, for a restart; free ones otherwise. */
  ports?: { port: number; livekitPort: number } | undefined;
  /** Where the app listens (`HOST`) and `baseUrl` points; 127.0.0.1 by default. */
  host?: string;
}): Promise<AppLaunch>;

/** Whether the app at `baseUrl` answers `/readyz` with 200 within 2 s. */
export declare function appReady(baseUrl: string): Promise<boolean>;
