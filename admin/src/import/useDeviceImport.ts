import { useState } from 'react';
import { useTranslate, type HttpError } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { ImportReport } from '../types.js';

export type ImportPhase = { step: 'idle' } | { step: 'uploading'; fraction: number } | { step: 'processing' };

/** The import's state: the file and default site, the upload's progress, the preview (dry run) and the result. */
export function useDeviceImport() {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const [file, setFile] = useState<File | null>(null);
  const [site, setSite] = useState('');
  const [phase, setPhase] = useState<ImportPhase>({ step: 'idle' });
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return setError(translate('reemploi.import.no_file'));
    setError(null);
    setPhase({ step: 'uploading', fraction: 0 });
    try {
      const report = await dataProvider.importDevices(file, {
        dryRun,
        site: site.trim().length >= 2 ? site.trim() : undefined,
        onUploadProgress: (fraction) => setPhase(fraction >= 1 ? { step: 'processing' } : { step: 'uploading', fraction }),
      });
      if (dryRun) setPreview(report);
      else setResult(report);
    } catch (failure) {
      setError((failure as Error).message);
      // all or nothing: the server answers with the same report, so show what to fix
      if (errorCode(failure) === 'IMPORT_REJECTED') setPreview((failure as HttpError).body?.details as ImportReport);
    } finally {
      setPhase({ step: 'idle' });
    }
  };

  const chooseFile = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const startOver = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  /** Another default site changes what the preview would say: preview again. */
  const chooseSite = (value: string) => {
    setSite(value);
    setPreview(null);
  };

  return { file, site, phase, preview, result, error, send, chooseFile, chooseSite, startOver };
}
