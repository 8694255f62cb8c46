// Types for raw-frame.mjs, so that TypeScript tests can import it.
/** ffmpeg arguments for one frame of `file` at `seconds`, scaled to `size`, as raw bytes on stdout. */
export declare function rawFrameArgs(options: {
  file: string;
  seconds: number;
  size: string;
  pixelFormat: 'rgb24' | 'gray';
}): string[];
