import type { ReactNode } from 'react';
import { TopToolbar } from 'react-admin';

/**
 * A list's top toolbar. On a phone react-admin turns the create button into a floating button: the
 * toolbar left behind would be an empty band above the filters, so there it takes only its content's height.
 */
export const ListActions = ({ children }: { children: ReactNode }) => <TopToolbar sx={{ minHeight: { xs: 0 } }}>{children}</TopToolbar>;
