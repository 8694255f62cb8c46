import { useEffect, useRef } from 'react';

/** Opens a `<dialog>` as a modal (focus trapped, Escape closes) while `open`, closes it after. */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
