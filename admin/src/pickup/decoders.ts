/** Réemploi labels carry a Code 128 of the asset tag, small-device labels a QR code or a DataMatrix of it. */
const FORMATS = ['code_128', 'qr_code', 'data_matrix'];

export type Engine = 'native' | 'zxing';

/** The Shape Detection API, not yet in TypeScript's DOM types. */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

const CAMERA: MediaStreamConstraints = {
  audio: false,
  // the back camera of a phone, at a resolution where a label's bars are several pixels wide
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

interface Callbacks {
  onEngine: (engine: Engine) => void;
  onRunning: () => void;
  onError: (error: Error) => void;
}

async function nativeDetector(): Promise<BarcodeDetectorInstance | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const supported = await Detector.getSupportedFormats();
    const formats = FORMATS.filter((format) => supported.includes(format));
    return formats.includes('code_128') ? new Detector({ formats }) : null;
  } catch {
    return null;
  }
}

/** The ZXing fallback, as its own chunk: only phones without BarcodeDetector download it. */
export async function loadZxingReader() {
  const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([import('@zxing/browser'), import('@zxing/library')]);
  const hints = new Map<number, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  return new BrowserMultiFormatReader(hints as Map<never, unknown>, { delayBetweenScanAttempts: 120, delayBetweenScanSuccess: 300 });
}

function cameraError(error: unknown): Error {
  if (error instanceof Error) return error;
  return Object.assign(new Error(String(error)), { name: (error as { name?: string })?.name ?? 'Error' });
}

/** Starts the camera in `video` and calls `onCode` for every code read, until `stop()`. */
export function startDecoding(video: HTMLVideoElement, onCode: (code: string) => void, callbacks: Callbacks): { stop: () => void } {
  let stopped = false;
  let stopCamera = () => {};

  const run = async () => {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API (insecure page?)'), { name: 'NotFoundError' });
    const detector = await nativeDetector();
    if (detector) {
      callbacks.onEngine('native');
      const stream = await navigator.mediaDevices.getUserMedia(CAMERA);
      stopCamera = () => stream.getTracks().forEach((track) => track.stop());
      if (stopped) return stopCamera();
      video.srcObject = stream;
      await video.play();
      callbacks.onRunning();
      const tick = async () => {
        if (stopped) return;
        try {
          if (video.readyState >= 2) for (const barcode of await detector.detect(video)) onCode(barcode.rawValue);
        } catch {
          // a frame that cannot be read: try the next one
        }
        setTimeout(tick, 120);
      };
      void tick();
      return;
    }
    const reader = await loadZxingReader();
    callbacks.onEngine('zxing');
    if (stopped) return;
    const controls = await reader.decodeFromConstraints(CAMERA, video, (result) => {
      if (result && !stopped) onCode(result.getText());
    });
    stopCamera = () => controls.stop();
    if (stopped) return stopCamera();
    callbacks.onRunning();
  };

  run().catch((error) => {
    if (!stopped) callbacks.onError(cameraError(error));
  });
  return {
    stop() {
      stopped = true;
      stopCamera();
    },
  };
}
