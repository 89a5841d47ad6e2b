import type { ReemploiDataProvider } from '../providers/dataProvider.js';

/**
 * Opens the A4 label sheet. The window is opened before the download (inside the click) so the
 * browser does not treat it as a pop-up; if it is blocked anyway, the PDF is downloaded instead.
 * Returns false when it had to fall back to a download.
 */
export function openLabelSheet(dataProvider: ReemploiDataProvider, ids: readonly (number | string)[]): Promise<boolean> {
  return openPdf(dataProvider, `/labels.pdf?ids=${ids.join(',')}`, 'etiquettes-reemploi.pdf');
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
