import type { labelsScreensFr } from './labels.fr.js';

export const labelsScreensEn: typeof labelsScreensFr = {
  labels: {
    title: 'Print %{smart_count} label |||| Print %{smart_count} labels',
    profile: 'Label stock',
    sheets: 'A4 sheets (office printer)',
    rolls: 'Rolls (label printer)',
    symbology: 'Code type',
    code128: 'Barcode (Code 128)',
    qrcode: 'QR code (phones, tablets)',
    first_position: 'Start at position',
    first_position_help: 'Part-used sheet: the positions before this one stay empty (1 to %{count}).',
    positions_summary: 'Positions %{from} to %{to} of the sheet |||| Positions %{from} to %{to} of the first sheet, then %{smart_count} sheets in all',
    sheet_picture: 'Sheet: click the position to start at',
    position_used: 'Position %{position}: already used',
    position_printed: 'Position %{position}: printed',
    position_free: 'Position %{position}: free',
    legend: 'Hatched: already used · Blue: printed now · White: stays free',
    thermal_help: 'One page per %{size} label: choose this size in the printer driver (Brother QL, Dymo), at 100 % without fitting. Zebra printer: download the ZPL file (%{dpi} dpi).',
    print_pdf: 'Print (PDF)',
    download_zpl: 'ZPL file (Zebra)',
    pdf_ready: '%{smart_count} label ready |||| %{smart_count} labels ready',
    zpl_ready: 'ZPL file of %{smart_count} label downloaded |||| ZPL file of %{smart_count} labels downloaded',
    batch_opened: 'Batch %{reference}: opening',
  },
  offline: {
    offline: 'Offline: scans are kept on this device',
    pending: 'waiting (%{count})',
    conflict: '%{code} not recorded: %{message}',
    dismiss: 'OK',
  },
};
