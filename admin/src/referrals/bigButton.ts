/** The reception desk's buttons: big enough for a thumb, full width on a phone. */
export const BIG_BUTTON = { minHeight: 56, fontSize: '1.1rem', width: { xs: '100%', sm: 'auto' }, whiteSpace: 'nowrap' } as const;
