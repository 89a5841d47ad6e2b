import type { ReemploiDataProvider } from '../providers/dataProvider.js';
import { openPdf } from '../devices/labels.js';

/** The one-page voucher (FALC, QR code) the person brings to Emmaüs Connect; false when it was downloaded instead. */
export const printVoucher = (dataProvider: ReemploiDataProvider, referral: { id: number; voucherCode: string }) =>
  openPdf(dataProvider, `/referrals/${referral.id}/voucher.pdf`, `bon-${referral.voucherCode}.pdf`);
