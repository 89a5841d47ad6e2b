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
    confirm_when_online: 'You can confirm once the network is back: the scans stay on this phone',
    saved_offline: 'Scan saved offline',
    dismiss: 'OK',
    list_copy: 'offline — list of %{date}',
    outcome_of: '"%{outcome}" for %{code}',
    too_old:
      '%{what} not sent: made on %{date}, it has waited more than %{days} days, too long to send it safely. It may have reached the server before the network dropped: check whether it was recorded, and do it again only if it was not.',
    resend_too_old:
      'This operation was tried more than %{days} days ago without an answer from the server: it is not sent again. Check whether it was recorded (reload the page); if not, do it again.',
    outcome_conflict: '%{code}: "%{outcome}" not recorded — %{message}',
    list_not_fetched: 'Offline: this list has not been loaded on this phone yet. It will appear when the network is back. %{still_works}',
  },
};
