import { useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Box, Link, Typography } from '@mui/material';
import { API_URL, apiJson } from '../providers/http.js';
import type { PublishedSource } from '../../../api/factors/source-catalogue.js';

/** The published documents the factors cite (`GET /api/factors/sources`, the list the workbook prints too). */
export const SourceCatalogue = () => {
  const translate = useTranslate();
  const sources = useQuery({ queryKey: ['factors', 'sources'], queryFn: () => apiJson<PublishedSource[]>(`${API_URL}/factors/sources`) });
  if (!sources.data) return null;
  return (
    <Box component="section" aria-labelledby="factor-sources-title" sx={{ px: 2, py: 2, maxWidth: 900 }} data-testid="factor-sources">
      <Typography variant="h6" component="h2" id="factor-sources-title">
        {translate('resources.factors.catalogue_title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('resources.factors.catalogue_intro')}
      </Typography>
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
    </Box>
  );
};
