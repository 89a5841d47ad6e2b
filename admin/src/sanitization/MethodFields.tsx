import { useTranslate } from 'react-admin';
import { Box, MenuItem, TextField } from '@mui/material';
import { TECHNIQUE_CATEGORY, WIPE_TECHNIQUES, verificationChoices } from './choices.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { SanitizationTechnique, Verification } from './types.js';

/** The bench's usual method, field by field (technique, tool, passes, verification, shredder). */
export const MethodFields = ({ method, onChange }: { method: DefaultMethod; onChange: (change: Partial<DefaultMethod>) => void }) => {
  const translate = useTranslate();
  return (
    <Box id="default-method-fields" sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <TextField
        select
        id="method-technique"
        label={translate('resources.sanitizations.fields.technique')}
        value={method.technique}
        onChange={(event) => onChange({ technique: event.target.value as SanitizationTechnique })}
        sx={{ gridColumn: '1 / -1' }}
      >
        {WIPE_TECHNIQUES.map((technique) => (
          <MenuItem key={technique} value={technique}>
            {translate(`resources.sanitizations.techniques.${technique}`)} —{' '}
            {translate(`resources.sanitizations.categories.${TECHNIQUE_CATEGORY[technique]}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="method-tool"
        label={translate('resources.sanitizations.fields.tool')}
        value={method.tool}
        onChange={(event) => onChange({ tool: event.target.value })}
        error={!method.tool.trim()}
        required
      />
      <TextField
        id="method-tool-version"
        label={translate('resources.sanitizations.fields.toolVersion')}
        value={method.toolVersion}
        onChange={(event) => onChange({ toolVersion: event.target.value })}
      />
      <TextField
        id="method-passes"
        type="number"
        label={translate('resources.sanitizations.fields.passes')}
        value={method.passes ?? ''}
        onChange={(event) => {
          const value = event.target.value === '' ? null : Math.max(0, Math.min(100, Math.round(Number(event.target.value))));
          onChange({ passes: Number.isFinite(value) ? value : null });
        }}
        slotProps={{ htmlInput: { min: 0, max: 100 } }}
      />
      <TextField
        select
        id="method-verification"
        label={translate('resources.sanitizations.fields.verification')}
        value={method.verification}
        onChange={(event) => onChange({ verification: event.target.value as Verification })}
      >
        {verificationChoices.map((choice) => (
          <MenuItem key={choice.id} value={choice.id}>
            {translate(choice.name)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="method-destroy-tool"
        label={translate('reemploi.wiping.destroy_tool')}
        value={method.destroyTool}
        onChange={(event) => onChange({ destroyTool: event.target.value })}
        sx={{ gridColumn: '1 / -1' }}
      />
    </Box>
  );
};
