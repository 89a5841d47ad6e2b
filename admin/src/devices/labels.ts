import type { ReemploiDataProvider } from '../providers/dataProvider.js';

export interface LabelProfile {
  id: string;
  name: string;
  printer: 'sheet' | 'thermal';
  dpi: number;
  labelWidthMm: number;
  labelHeightMm: number;
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  rows: number;
}

export interface LabelProfiles {
  current: string;
  profiles: LabelProfile[];
}

export type Symbology = 'code128' | 'qrcode';

export interface LabelPrint {
  ids: readonly (number | string)[];
  profile: string;
  symbology: Symbology;
  /** A4 sheets: positions already used, left empty. */
  start: number;
}

function labelQuery({ ids, profile, symbology, start }: LabelPrint): string {
  return new URLSearchParams({ ids: ids.join(','), profile, symbology, ...(start ? { start: String(start) } : {}) }).toString();
}

/**
 * The labels as a PDF (sheets, or one page per thermal label). The window is opened before the
 * download (inside the click) so the browser does not treat it as a pop-up; if it is blocked
 * anyway, the PDF is downloaded instead. Returns false when it had to fall back to a download.
 */
export function openLabels(dataProvider: ReemploiDataProvider, print: LabelPrint): Promise<boolean> {
  return openPdf(dataProvider, `/labels.pdf?${labelQuery(print)}`, 'etiquettes-reemploi.pdf');
}

/** The ZPL file for a Zebra printer, downloaded (sent to the printer by its own tools). */
export async function downloadZpl(dataProvider: ReemploiDataProvider, print: LabelPrint): Promise<void> {
  const blob = await dataProvider.fetchBlob(`/labels.zpl?${labelQuery(print)}`);
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/zpl' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'etiquettes-reemploi.zpl';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Any PDF the API serves behind the token (label sheets, certificates), in a new tab or downloaded. */
export async function openPdf(dataProvider: ReemploiDataProvider, path: string, fileName: string): Promise<boolean> {
  const target = window.open('', '_blank');
  try {
    const blob = await dataProvider.fetchBlob(path);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    // keep the object URL alive long enough for the other tab to load it
    setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
    if (target) {
      target.location.href = url;
      return true;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    return false;
  } catch (error) {
    target?.close();
    throw error;
  }
}
