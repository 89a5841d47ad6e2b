import { useState, type DragEvent } from 'react';
import { Link, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { API_URL } from '../providers/http.js';
import { useFormat } from '../i18n/useFormat.js';
import { useDocumentLang } from '../layout/useDocumentLang.js';

type Answer =
  | { state: 'issued'; fileName: string; kind: string; reference: string; issuedAt: string; checkpoint: { id: number; signedAt: string } | null }
  | { state: 'unknown'; fileName: string }
  | { state: 'failed'; fileName: string };

/** The file's SHA-256 in hexadecimal, computed here: the document itself never leaves the browser. */
async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Only the hash is sent to the public route GET /transparency/documents/:hash. */
async function checkDocument(file: File): Promise<Answer> {
  const response = await fetch(`${API_URL}/transparency/documents/${await sha256Hex(file)}`);
  if (response.status === 404) return { state: 'unknown', fileName: file.name };
  if (!response.ok) return { state: 'failed', fileName: file.name };
  const body = await response.json();
  return { state: 'issued', fileName: file.name, kind: body.kind, reference: body.reference, issuedAt: body.issuedAt, checkpoint: body.inclusion?.checkpoint ?? null };
}

/** Public page « Vérifier un document »: drop a Réemploi PDF, learn whether and when the server issued it. */
export const VerifyDocumentPage = () => {
  const translate = useTranslate();
  const format = useFormat();
  useDocumentLang();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [dragging, setDragging] = useState(false);

  const check = async (file: File | undefined) => {
    if (!file) return;
    setAnswer(null);
    setAnswer(await checkDocument(file).catch(() => ({ state: 'failed' as const, fileName: file.name })));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void check(event.dataTransfer.files[0]);
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 560 }} elevation={2}>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 700, mb: 1 }}>
            {translate('reemploi.verify_document.title')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {translate('reemploi.verify_document.explanation')}
          </Typography>
          <Box
            data-testid="document-drop-zone"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            sx={{ border: 2, borderStyle: 'dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 2, p: 3, textAlign: 'center', mb: 2 }}
          >
            <Typography sx={{ mb: 1 }}>{translate('reemploi.verify_document.drop')}</Typography>
            <Button variant="outlined" component="label">
              {translate('reemploi.verify_document.choose')}
              <input hidden type="file" accept="application/pdf,.pdf" onChange={(event) => void check(event.target.files?.[0])} />
            </Button>
          </Box>
          {answer && <AnswerMessage answer={answer} dateTime={format.dateTime} />}
          <Typography sx={{ mt: 2 }}>
            <Link to="/login">{translate('reemploi.verify_document.back')}</Link>
          </Typography>
        </CardContent>
      </Card>
    </Box>
  );
};

const AnswerMessage = ({ answer, dateTime }: { answer: Answer; dateTime: (value: string) => string }) => {
  const translate = useTranslate();
  if (answer.state === 'unknown') return <Alert severity="error" role="status">{translate('reemploi.verify_document.unknown', { file: answer.fileName })}</Alert>;
  if (answer.state === 'failed') return <Alert severity="warning" role="status">{translate('reemploi.verify_document.failed')}</Alert>;
  return (
    <Alert severity="success" role="status">
      {translate('reemploi.verify_document.issued', {
        file: answer.fileName,
        kind: translate(`reemploi.verify_document.kinds.${answer.kind}`),
        reference: answer.reference,
        date: dateTime(answer.issuedAt),
      })}{' '}
      {answer.checkpoint
        ? translate('reemploi.verify_document.included', { number: answer.checkpoint.id, date: dateTime(answer.checkpoint.signedAt) })
        : translate('reemploi.verify_document.pending')}
    </Alert>
  );
};
