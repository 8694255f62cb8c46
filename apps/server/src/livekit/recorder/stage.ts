/**
 * The recorded stage, composed into one I420 picture: a screen share fills it when there is one,
 * otherwise the speakers' cameras share it in a grid. Pictures keep their aspect ratio
 * (letterboxed on black) and are scaled nearest-neighbour: cheap enough for JavaScript at 720p30,
 * and a recording of faces and slides needs no more.
 */

/** A decoded picture in I420: the Y plane, then U, then V, each tightly packed. */
export interface I420Picture {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface StageSource {
  /** Stable per track, e.g. its sid. */
  key: string;
  kind: 'camera' | 'screen_share';
  picture: I420Picture;
  /** Changes whenever `picture` does, so unchanged pictures are not drawn again. */
  version: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const BLACK_Y = 16;
const NEUTRAL_UV = 128;
const even = (v: number) => v - (v % 2);

/** The sources on stage, in order: the newest screen share alone, or every camera. */
export function pickStage<T extends Pick<StageSource, 'kind'>>(sources: T[], maxTiles = 16): T[] {
  const screens = sources.filter((s) => s.kind === 'screen_share');
  if (screens.length > 0) return [screens[screens.length - 1]!];
  return sources.filter((s) => s.kind === 'camera').slice(0, maxTiles);
}

/** Grid cells for `count` tiles on a `width`×`height` stage (all even, for 4:2:0 chroma). */
export function gridCells(count: number, width: number, height: number): Rect[] {
  if (count === 0) return [];
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const cellW = even(Math.floor(width / cols));
  const cellH = even(Math.floor(height / rows));
  const cells: Rect[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = Math.floor(i / cols);
    // The last row's tiles are centred when it is not full.
    const inRow = row === rows - 1 ? count - row * cols : cols;
    const offset = even(Math.floor((width - inRow * cellW) / 2));
    cells.push({
      x: offset + (i % cols) * cellW,
      y: even(Math.floor((height - rows * cellH) / 2)) + row * cellH,
      width: cellW,
      height: cellH,
    });
  }
  return cells;
}

/** The largest rectangle of the picture's aspect ratio inside `cell`, centred. */
export function fitInto(cell: Rect, width: number, height: number): Rect {
  const scale = Math.min(cell.width / width, cell.height / height);
  const w = Math.max(2, even(Math.round(width * scale)));
  const h = Math.max(2, even(Math.round(height * scale)));
  return {
    x: cell.x + even(Math.floor((cell.width - w) / 2)),
    y: cell.y + even(Math.floor((cell.height - h) / 2)),
    width: Math.min(w, cell.width),
    height: Math.min(h, cell.height),
  };
}

const columnMaps = new Map<string, Int32Array>();

/** For each destination column, the source column (nearest neighbour, cached). */
function columnMap(srcWidth: number, dstWidth: number): Int32Array {
  const key = `${srcWidth}:${dstWidth}`;
  let map = columnMaps.get(key);
  if (!map) {
    map = new Int32Array(dstWidth);
    for (let x = 0; x < dstWidth; x += 1) {
      map[x] = Math.min(srcWidth - 1, Math.floor(((x + 0.5) * srcWidth) / dstWidth));
    }
    if (columnMaps.size > 64) columnMaps.clear();
    columnMaps.set(key, map);
  }
  return map;
}

/** Scales one plane of `src` into the `rect` of the destination plane. */
function drawPlane(
  src: Uint8Array,
  srcOffset: number,
  srcWidth: number,
  srcHeight: number,
  dst: Uint8Array,
  dstOffset: number,
  dstStride: number,
  rect: Rect,
): void {
  const map = columnMap(srcWidth, rect.width);
  const same = srcWidth === rect.width;
  let previousSrcRow = -1;
  let previousDst = -1;
  for (let y = 0; y < rect.height; y += 1) {
    const srcRow = Math.min(srcHeight - 1, Math.floor(((y + 0.5) * srcHeight) / rect.height));
    const d = dstOffset + (rect.y + y) * dstStride + rect.x;
    if (srcRow === previousSrcRow) {
      dst.copyWithin(d, previousDst, previousDst + rect.width);
    } else {
      const s = srcOffset + srcRow * srcWidth;
      if (same) {
        dst.set(src.subarray(s, s + rect.width), d);
      } else {
        for (let x = 0; x < rect.width; x += 1) dst[d + x] = src[s + map[x]!]!;
      }
    }
    previousSrcRow = srcRow;
    previousDst = d;
  }
}

/** Draws `picture` scaled into `rect` of an I420 frame of `width`×`height`. */
export function drawPicture(
  frame: Uint8Array,
  width: number,
  height: number,
  rect: Rect,
  picture: I420Picture,
): void {
  const sw = picture.width;
  const sh = picture.height;
  const scw = (sw + 1) >> 1;
  const sch = (sh + 1) >> 1;
  const cw = width >> 1;
  const ch = height >> 1;
  const chroma = {
    x: rect.x >> 1,
    y: rect.y >> 1,
    width: rect.width >> 1,
    height: rect.height >> 1,
  };
  drawPlane(picture.data, 0, sw, sh, frame, 0, width, rect);
  drawPlane(picture.data, sw * sh, scw, sch, frame, width * height, cw, chroma);
  drawPlane(
    picture.data,
    sw * sh + scw * sch,
    scw,
    sch,
    frame,
    width * height + cw * ch,
    cw,
    chroma,
  );
}

/**
 * The stage's picture, kept between frames: a source is drawn again only when its picture
 * changed, and the whole stage is cleared only when the layout did.
 */
export class StageCanvas {
  readonly frame: Uint8Array;
  private layoutKey = '';
  private drawn = new Map<string, number>();

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.frame = new Uint8Array((width * height * 3) / 2);
    this.clear();
  }

  private clear(): void {
    this.frame.fill(BLACK_Y, 0, this.width * this.height);
    this.frame.fill(NEUTRAL_UV, this.width * this.height);
  }

  /** Draws the stage from the sources present now; returns whether the picture changed. */
  compose(sources: StageSource[]): boolean {
    const stage = pickStage(sources);
    const cells =
      stage.length === 1
        ? [{ x: 0, y: 0, width: this.width, height: this.height }]
        : gridCells(stage.length, this.width, this.height);
    const rects = stage.map((s, i) => fitInto(cells[i]!, s.picture.width, s.picture.height));
    const layoutKey = stage
      .map(
        (s, i) => `${s.key}@${rects[i]!.x},${rects[i]!.y},${rects[i]!.width}x${rects[i]!.height}`,
      )
      .join('|');
    let changed = false;
    if (layoutKey !== this.layoutKey) {
      this.clear();
      this.drawn.clear();
      this.layoutKey = layoutKey;
      changed = true;
    }
    stage.forEach((source, i) => {
      if (this.drawn.get(source.key) === source.version) return;
      drawPicture(this.frame, this.width, this.height, rects[i]!, source.picture);
      this.drawn.set(source.key, source.version);
      changed = true;
    });
    return changed;
  }
}
