import type { ReemploiDataProvider } from '../providers/dataProvider.js';

/** A file the API serves behind the token (Excel manifest), saved under its name. */
export async function downloadFile(dataProvider: ReemploiDataProvider, path: string, fileName: string): Promise<void> {
  const blob = await dataProvider.fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
