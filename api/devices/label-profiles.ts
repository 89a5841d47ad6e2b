/**
 * The label stocks a depot prints on: A4 sheets for office printers and thermal rolls for label
 * printers (Zebra, Brother QL, Dymo). Sizes are those sold under these names; the margins of the
 * sheets are the manufacturers' (Avery L7409-style 3 × 8 without margins, L7163 2 × 7, 3657 4 × 10).
 */
export interface SheetProfile {
  id: string;
  name: string;
  printer: 'sheet';
  /** Office printers print at 300 dpi or more: the decoding tests render sheets at 300 dpi. */
  dpi: number;
  pageWidthMm: number;
  pageHeightMm: number;
  labelWidthMm: number;
  labelHeightMm: number;
  columns: number;
  rows: number;
  marginTopMm: number;
  marginLeftMm: number;
  /** Distance from one label's left (top) edge to the next one's: label plus gap. */
  pitchXMm: number;
  pitchYMm: number;
}

export interface ThermalProfile {
  id: string;
  name: string;
  printer: 'thermal';
  /** The print head's resolution: a bar is a whole number of its dots wide. */
  dpi: 203 | 300;
  labelWidthMm: number;
  labelHeightMm: number;
}

export type LabelProfile = SheetProfile | ThermalProfile;

export const DEFAULT_LABEL_PROFILE = 'a4-3x8';

const SHEETS: SheetProfile[] = [
  { id: 'a4-3x8', name: 'Planche A4 3 × 8 (70 × 37 mm)', printer: 'sheet', dpi: 300, pageWidthMm: 210, pageHeightMm: 297, labelWidthMm: 70, labelHeightMm: 37, columns: 3, rows: 8, marginTopMm: 0.5, marginLeftMm: 0, pitchXMm: 70, pitchYMm: 37 },
  { id: 'a4-2x7', name: 'Planche A4 2 × 7 (99,1 × 38,1 mm)', printer: 'sheet', dpi: 300, pageWidthMm: 210, pageHeightMm: 297, labelWidthMm: 99.1, labelHeightMm: 38.1, columns: 2, rows: 7, marginTopMm: 15.15, marginLeftMm: 4.65, pitchXMm: 101.6, pitchYMm: 38.1 },
  { id: 'a4-4x10', name: 'Planche A4 4 × 10 (48,5 × 25,4 mm)', printer: 'sheet', dpi: 300, pageWidthMm: 210, pageHeightMm: 297, labelWidthMm: 48.5, labelHeightMm: 25.4, columns: 4, rows: 10, marginTopMm: 21.5, marginLeftMm: 8, pitchXMm: 48.5, pitchYMm: 25.4 },
];

const ROLL_SIZES: [number, number][] = [[57, 32], [50, 25], [62, 29], [70, 30]];

const THERMAL: ThermalProfile[] = ([203, 300] as const).flatMap((dpi) =>
  ROLL_SIZES.map(([width, height]) => ({
    id: `thermal-${width}x${height}-${dpi}`,
    name: `Rouleau thermique ${width} × ${height} mm — ${dpi} dpi`,
    printer: 'thermal' as const,
    dpi,
    labelWidthMm: width,
    labelHeightMm: height,
  })),
);

export const LABEL_PROFILES: LabelProfile[] = [...SHEETS, ...THERMAL];

export const LABEL_PROFILE_IDS = LABEL_PROFILES.map((profile) => profile.id) as [string, ...string[]];

export function findLabelProfile(id: string): LabelProfile | undefined {
  return LABEL_PROFILES.find((profile) => profile.id === id);
}

export const labelsPerSheet = (profile: SheetProfile) => profile.columns * profile.rows;

/**
 * The symbologies a label can carry: Code 128 (every scanner) or a QR code for small devices
 * (phones, tablets), both encoding the asset tag itself. QR rather than DataMatrix: every phone
 * camera and zbar read it, so each label we print is checked by a real decoder in the tests.
 */
export const SYMBOLOGIES = ['code128', 'qrcode'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];
