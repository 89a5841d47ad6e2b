import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A phone's view of a printed label, for Chromium's fake camera
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file.y4m>`):
 * the label, rendered from the real PDF, set in a 1280 × 720 frame at the size it has 15 to 25 cm
 * from the lens, slightly turned, on a device's grey casing, as a YUV4MPEG2 video.
 */

/** An 8-bit grey image, one byte per pixel, row after row. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export const FRAME = { width: 1280, height: 720 };

/** A binary PGM (P5), as `pdftoppm -gray` writes it. */
export function readPgm(data: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('not an 8-bit binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: new Uint8Array(data.subarray(whole.length, whole.length + Number(width) * Number(height))) };
}

/** The first page of `pdfFile` in grey at `dpi`, with pdftoppm (its anti-aliasing softens the edges a little, as a lens does). */
export function renderPdfPage(pdfFile: string, dpi: number): GreyImage {
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', '-f', '1', '-l', '1', pdfFile], { maxBuffer: 64 * 1024 * 1024 });
  return readPgm(pgm);
}

/** A 2D symbol (rows of dark = 1 modules) on a white label of `widthPx` × `heightPx`, centred, `modulePx` per module. */
export function matrixLabel(matrix: number[][], modulePx: number, widthPx: number, heightPx: number): GreyImage {
  const pixels = new Uint8Array(widthPx * heightPx).fill(255);
  const left = Math.round((widthPx - matrix[0].length * modulePx) / 2);
  const top = Math.round((heightPx - matrix.length * modulePx) / 2);
  for (let y = 0; y < heightPx; y++) {
    const row = matrix[Math.floor((y - top) / modulePx)];
    if (!row || y < top) continue;
    for (let x = left; x < left + row.length * modulePx; x++) if (row[Math.floor((x - left) / modulePx)]) pixels[y * widthPx + x] = 0;
  }
  return { width: widthPx, height: heightPx, pixels };
}

export interface PhoneView {
  /** the label's share of the frame's width (0.3 to 0.5 at 15 to 25 cm) */
  labelShare: number;
  /** clockwise, in degrees */
  rotationDegrees: number;
  /** the paper's grey and the ink's: a camera never sees pure white and black */
  paper: number;
  ink: number;
  /** passes of a 3 × 3 [1 2 1] blur: a lens slightly out of focus */
  blurPasses: number;
  /** amplitude of the sensor noise, in grey levels (deterministic) */
  noise: number;
}

export const PHONE_VIEW: PhoneView = { labelShare: 0.5, rotationDegrees: 3, paper: 225, ink: 45, blurPasses: 1, noise: 5 };

/**
 * How far the phone is, told by the share of the frame's width a 57 × 32 mm label fills (0.5 about
 * 15 cm away, 0.4 and 0.3 farther): every label size seen from there has the same pixels per mm,
 * which is what a reader needs of a module, so `frameDpi(share)` renders any label for that distance.
 */
export const frameDpi = (share: number) => (share * FRAME.width) / (57 / 25.4);

/** The phone's view of a label already rendered at the frame's resolution (`frameDpi`): turned, blurred, noisy, not scaled again. */
export function phoneFrameAsRendered(label: GreyImage, view: PhoneView = PHONE_VIEW): GreyImage {
  return phoneFrame(label, { ...view, labelShare: label.width / FRAME.width });
}

const CASING_GREY = 105;

/** Bilinear sample of `image` at (x, y); undefined outside it. */
function sample(image: GreyImage, x: number, y: number): number | undefined {
  if (x < 0 || y < 0 || x > image.width - 1 || y > image.height - 1) return undefined;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, image.width - 1);
  const y1 = Math.min(y0 + 1, image.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) => image.pixels[py * image.width + px];
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

/** One pass of a separable [1 2 1] / 4 blur, edges repeated. */
function blurOnce(image: GreyImage): GreyImage {
  const { width, height, pixels } = image;
  const across = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * width + x;
      across[at] = (pixels[at - (x > 0 ? 1 : 0)] + 2 * pixels[at] + pixels[at + (x < width - 1 ? 1 : 0)]) / 4;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * width + x;
      out[at] = Math.round((across[at - (y > 0 ? width : 0)] + 2 * across[at] + across[at + (y < height - 1 ? width : 0)]) / 4);
    }
  }
  return { width, height, pixels: out };
}

/** The label as the camera sees it: scaled to `view.labelShare` of the frame, turned, in the middle of the frame, blurred, noisy. */
export function phoneFrame(label: GreyImage, view: PhoneView = PHONE_VIEW): GreyImage {
  let frame = placeLabel(label, view);
  for (let pass = 0; pass < view.blurPasses; pass++) frame = blurOnce(frame);
  let seed = 22;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const pixels = frame.pixels.map((grey) => Math.max(0, Math.min(255, Math.round(grey + random() * 2 * view.noise))));
  return { ...frame, pixels };
}

function placeLabel(label: GreyImage, view: PhoneView): GreyImage {
  const { width, height } = FRAME;
  const pixels = new Uint8Array(width * height);
  // frame pixels per label pixel; sampling goes backwards, from each frame pixel to the label
  const scale = (view.labelShare * width) / label.width;
  const angle = (view.rotationDegrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - width / 2;
      const dy = y - height / 2;
      const labelX = (dx * cos + dy * sin) / scale + label.width / 2;
      const labelY = (-dx * sin + dy * cos) / scale + label.height / 2;
      const grey = sample(label, labelX, labelY);
      const seen = grey === undefined ? CASING_GREY : view.ink + ((view.paper - view.ink) * grey) / 255;
      pixels[y * width + x] = Math.round(seen);
    }
  }
  return { width, height, pixels };
}

/**
 * `frame` as a one-frame YUV4MPEG2 file (Chromium loops it): header line, then `FRAME`, the luma
 * plane and two neutral chroma planes of 4:2:0. Written aside and renamed, so that a camera that
 * has the old file open keeps reading a whole one.
 */
export function writeY4m(file: string, frame: GreyImage): void {
  const chroma = Buffer.alloc((frame.width / 2) * (frame.height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${frame.width} H${frame.height} F15:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1');
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.new`);
  writeFileSync(temporary, Buffer.concat([header, Buffer.from(frame.pixels), chroma]));
  renameSync(temporary, file);
}

/** `frame` as a binary PGM, to look at or to decode with zbarimg. */
export function pgm(frame: GreyImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${frame.width} ${frame.height}\n255\n`, 'latin1'), Buffer.from(frame.pixels)]);
}
