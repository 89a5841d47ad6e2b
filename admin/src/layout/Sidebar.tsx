import { useEffect, useRef } from 'react';
import { useMediaQuery, type Theme } from '@mui/material';
import { Sidebar as RaSidebar, useSidebarState, type SidebarProps } from 'react-admin';

/**
 * react-admin's side menu, never opened by itself on a phone. The menu open on a desktop stays open
 * in react-admin's store, and below 600 px (a phone, or a desktop zoomed to 400 %) react-admin shows
 * it as a modal drawer: opened by itself, it covered the page and left it hidden from screen readers
 * (`aria-hidden` on the page, even once closed). Here a window that becomes (or starts) that narrow
 * gets the menu closed; on the phone the top bar's button opens it as usual.
 */
export const Sidebar = (props: SidebarProps) => {
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'), { noSsr: true });
  const [open, setOpen] = useSidebarState();
  const wasPhone = useRef(false);
  const openedElsewhere = isPhone && !wasPhone.current && open;
  useEffect(() => {
    wasPhone.current = isPhone;
    if (openedElsewhere) setOpen(false);
  });
  return <RaSidebar {...props} {...(openedElsewhere ? { open: false } : {})} />;
};
