// ffmpeg's arguments for one raw video frame, shared by the recording test and the recorder
// bench (types in raw-frame.d.mts).

/**
 * Arguments that make ffmpeg write one frame of `file` at `seconds`, scaled to `size` (`WxH`),
 * to stdout as raw `pixelFormat` bytes (`rgb24`: 3 a pixel, `gray`: 1).
 */
export function rawFrameArgs({ file, seconds, size, pixelFormat }) {
  return [
    ...['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1'],
    ...['-s', size, '-f', 'rawvideo', '-pix_fmt', pixelFormat, '-'],
  ];
}
