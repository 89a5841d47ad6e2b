import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Button, Stack } from '@mui/material';
import CopyIcon from '@mui/icons-material/ContentCopy';

/** Text shown once to be copied (a token, a configuration): selectable, with a copy button. */
export const CopyableText = ({ text, label, id }: { text: string; label: string; id: string }) => {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // no clipboard outside HTTPS: the text is selected for Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(id) as Node);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    setCopied(true);
  };
  return (
    <Stack spacing={1}>
      <Box
        id={id}
        component="pre"
        aria-label={label}
        sx={{ m: 0, p: 1.5, bgcolor: 'grey.100', borderRadius: 1, fontFamily: 'monospace', fontSize: '0.9rem', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {text}
      </Box>
      <Box>
        <Button variant="outlined" size="small" startIcon={<CopyIcon />} onClick={copy} aria-label={`${translate('reemploi.stations.copy')} : ${label}`}>
          {translate(copied ? 'reemploi.stations.copied' : 'reemploi.stations.copy')}
        </Button>
      </Box>
    </Stack>
  );
};
