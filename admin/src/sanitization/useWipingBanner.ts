import { useCallback, useRef, useState } from 'react';
import type { Banner, BannerKind } from '../scanner/ScanBanner.js';
import { playScanSound } from '../scanner/sounds.js';
import { usePersistentFlag } from '../scanner/usePersistentFlag.js';

export type WipingAnnounce = (kind: BannerKind, text: string, tag?: string | string[], withCertificate?: boolean) => void;

/** The wiping bench's big banner, its sound (the Scanner page's switch) and whether it offers the certificate. */
export function useWipingBanner() {
  const [soundOn, setSoundOn] = usePersistentFlag('reemploi.scanner.sound', true);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [bannerCertificate, setBannerCertificate] = useState(false);
  const bannerCount = useRef(0);
  const announce = useCallback<WipingAnnounce>(
    (kind, text, tag, withCertificate = false) => {
      bannerCount.current += 1;
      setBanner({ kind, text, tag, id: bannerCount.current });
      setBannerCertificate(withCertificate);
      if (soundOn) playScanSound(kind === 'success' ? 'ok' : kind);
    },
    [soundOn],
  );
  return { soundOn, setSoundOn, banner, bannerCertificate, announce };
}
