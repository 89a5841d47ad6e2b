import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { RecordContextProvider, useListContext, useTranslate, type RaRecord } from 'react-admin';
import { Box, Card, CardActionArea, CardContent, LinearProgress, Stack, Typography } from '@mui/material';

interface PhoneListProps<T extends RaRecord> {
  /** The card's essentials (a title line, then one or two short lines). */
  children: (record: T) => ReactNode;
  /** Where tapping the card leads; none: the card is not a link. */
  link?: (record: T) => string | undefined;
  /** The row's buttons, under the essentials and outside the link. */
  actions?: (record: T) => ReactNode;
  testId?: string;
}

/**
 * A list on a phone: one card per record instead of the table, whose columns never fit 390 px.
 * Reads the list's data from react-admin's list context (filters, sort and pagination stay the list's).
 */
export function PhoneList<T extends RaRecord>({ children, link, actions, testId }: PhoneListProps<T>) {
  const { data, isPending } = useListContext<T>();
  const translate = useTranslate();
  if (isPending) return <LinearProgress sx={{ m: 2 }} />;
  if (!data?.length) return <Typography sx={{ p: 2 }}>{translate('ra.navigation.no_results')}</Typography>;
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', m: 0, p: 1 }}>
      {data.map((record) => {
        const to = link?.(record);
        const content = <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>{children(record)}</CardContent>;
        const buttons = actions?.(record);
        return (
          <Card component="li" variant="outlined" key={record.id} data-testid={testId}>
            <RecordContextProvider value={record}>
              {to ? (
                <CardActionArea component={Link} to={to}>
                  {content}
                </CardActionArea>
              ) : (
                content
              )}
              {buttons && <Box sx={{ px: 1, pb: 1, display: 'flex', flexWrap: 'wrap', gap: 1 }}>{buttons}</Box>}
            </RecordContextProvider>
          </Card>
        );
      })}
    </Stack>
  );
}

/** The card's first line: what identifies the record, and its status on the right. */
export const CardTitle = ({ title, status }: { title: ReactNode; status?: ReactNode }) => (
  // the status goes under the title when both do not fit on one line (a long name, a long status)
  <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: 1, rowGap: 0.5, mb: 0.5 }}>
    <Typography component="span" sx={{ fontWeight: 700, minWidth: 0, overflowWrap: 'anywhere' }}>
      {title}
    </Typography>
    {status}
  </Box>
);

/** A secondary line of the card: short facts joined by " · ". */
export const CardLine = ({ parts }: { parts: ReactNode[] }) => (
  <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
    {parts
      .filter((part) => part !== null && part !== undefined && part !== false && part !== '')
      .map((part, index) => (
        <Fragment key={index}>
          {index > 0 && ' · '}
          {part}
        </Fragment>
      ))}
  </Typography>
);
