import { Confirm } from 'react-admin';
import { Typography } from '@mui/material';
import type { AuditDetail } from './types.js';
import { useAuditTranslate } from './useAuditTranslate.js';

interface CloseAuditConfirmProps {
  audit: AuditDetail;
  isOpen: boolean;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** Closing flags the expected devices nobody found: the confirmation says how many. */
export const CloseAuditConfirm = ({ audit, isOpen, loading, onConfirm, onClose }: CloseAuditConfirmProps) => {
  const t = useAuditTranslate();
  return (
    <Confirm
      isOpen={isOpen}
      loading={loading}
      title={t('close_title', { id: audit.id })}
      content={
        <>
          <Typography sx={{ mb: 1 }}>{t('close_content')}</Typography>
          <Typography sx={{ fontWeight: 700 }} data-testid="close-missing">
            {audit.missing ? t('close_missing', { smart_count: audit.missing }) : t('close_none')}
          </Typography>
        </>
      }
      confirm={t('close_confirm')}
      confirmColor="primary"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
};
