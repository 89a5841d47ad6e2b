import { useRef, useState, type DragEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFile';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function formatSize(bytes: number, locale: string): string {
  const units = ['o', 'Ko', 'Mo'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[unit]}`;
}

interface FilePickerProps {
  file: File | null;
  onChange: (file: File) => void;
  locale: string;
  disabled?: boolean;
  /** Several files at once (nwipe logs): they all go to `onFiles`. */
  multiple?: boolean;
  onFiles?: (files: File[]) => void;
  id?: string;
  accept?: string;
  /** i18n keys of the zone's text, idle and while a file is dragged over it. */
  dropText?: string;
  dropActiveText?: string;
}

/** A drop zone that is also a real file input (keyboard and screen readers use the input). */
export const FilePicker = ({
  file,
  onChange,
  locale,
  disabled,
  multiple,
  onFiles,
  id = 'import-file',
  accept = ACCEPT,
  dropText = 'reemploi.import.drop',
  dropActiveText = 'reemploi.import.drop_active',
}: FilePickerProps) => {
  const translate = useTranslate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files ?? []);
    if (multiple && onFiles) {
      if (files.length) onFiles(files);
    } else if (files[0]) onChange(files[0]);
  };

  return (
    <Box
      component="label"
      htmlFor={id}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      sx={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 1,
        p: 4,
        border: '2px dashed',
        borderColor: dragging ? 'primary.main' : 'grey.500',
        bgcolor: dragging ? '#e8eef7' : 'background.paper',
        borderRadius: 2,
        cursor: disabled ? 'default' : 'pointer',
        textAlign: 'center',
        '&:focus-within': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <UploadIcon sx={{ fontSize: 48, color: 'primary.main' }} aria-hidden />
      <Typography sx={{ fontWeight: 600 }}>{translate(dragging ? dropActiveText : dropText)}</Typography>
      {file && (
        <Typography color="text.secondary" data-testid="import-file-name">
          {translate('reemploi.import.chosen', { name: file.name, size: formatSize(file.size, locale) })}
        </Typography>
      )}
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          if (multiple && onFiles) {
            if (files.length) onFiles(files);
          } else if (files[0]) onChange(files[0]);
          event.target.value = '';
        }}
        // visually hidden but focusable and labelled by the zone
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
      />
    </Box>
  );
};
