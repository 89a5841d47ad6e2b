import { useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Box, Link, Typography } from '@mui/material';
import { API_URL, apiJson } from '../providers/http.js';
import type { PublishedSource } from '../../../api/factors/source-catalogue.js';
import { ReferenceSection } from '../layout/ReferenceSection.js';

/** The published documents the factors cite (`GET /api/factors/sources`, the list the workbook prints too). */
export const SourceCatalogue = () => {
  const translate = useTranslate();
  const sources = useQuery({ queryKey: ['factors', 'sources'], queryFn: () => apiJson<PublishedSource[]>(`${API_URL}/factors/sources`) });
  if (!sources.data) return null;
  return (
    <ReferenceSection id="factor-sources-title" title={translate('resources.factors.catalogue_title')} intro={translate('resources.factors.catalogue_intro')} testId="factor-sources">
      <Box component="ol" sx={{ pl: 3, m: 0 }}>
        {sources.data.map((source) => (
          <Box component="li" key={source.id} sx={{ mb: 1 }}>
            <Typography variant="body2">
              « {source.title} », {source.publisher}, {source.year}.{' '}
              <Link href={source.url} target="_blank" rel="noopener noreferrer">
                {source.url}
              </Link>
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p">
              {translate('resources.factors.catalogue_used_for', { what: source.usedFor })}
            </Typography>
          </Box>
        ))}
      </Box>
    </ReferenceSection>
  );
};
