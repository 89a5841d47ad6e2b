/** A French phone number as people write it: "06 12 34 56 78", "+33 6 12 34 56 78"; anything else as stored. */
export function formatFrenchPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const compact = phone.replace(/[\s.-]/g, '');
  const pairs = (digits: string) => digits.match(/\d{2}/g)!.join(' ');
  if (/^0[1-9]\d{8}$/.test(compact)) return pairs(compact);
  if (/^\+33[1-9]\d{8}$/.test(compact)) return `+33 ${compact[3]} ${pairs(compact.slice(4))}`;
  return phone;
}
