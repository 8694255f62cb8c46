import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/query-keys.js';
import type { ConfirmDialogProps } from '../room/ConfirmDialog.js';
import { failureNotice } from './notice.js';
import type { Notice } from './notice.js';

/**
 * An admin panel's action on one item of its list (end a session, delete a recording, disable an
 * account): it runs, says how it went in the panel's notice, and reads the admin page again
 * (and `refresh`'s queries) once it worked. One that cannot be undone is asked about first:
 * `ask(item)` opens the confirmation, `confirm`'s question about the item, whose props are
 * `dialog`.
 */
export function useAdminAction<Item>(options: {
  run: (item: Item) => Promise<unknown>;
  /** The notice once it worked. */
  done: (item: Item) => string;
  /** Queries to read again besides the admin page's. */
  refresh?: (item: Item) => QueryKey[];
  /** The question `ask(item)` puts: its title, body and the confirming button's label. */
  confirm?: (item: Item) => Pick<ConfirmDialogProps, 'title' | 'body' | 'confirmLabel'>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice>();
  const [asking, setAsking] = useState<Item | null>(null);
  const mutation = useMutation({
    mutationFn: options.run,
    onSuccess: (_answer, item) => {
      setNotice({ kind: 'ok', text: options.done(item) });
      for (const queryKey of [queryKeys.admin, ...(options.refresh?.(item) ?? [])]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
    onError: (err) => setNotice(failureNotice(t, err)),
  });
  const question =
    asking !== null && options.confirm
      ? options.confirm(asking)
      : { title: '', body: '', confirmLabel: '' };
  const dialog: ConfirmDialogProps = {
    open: asking !== null,
    ...question,
    onConfirm: () => {
      if (asking !== null) mutation.mutate(asking);
    },
    onClose: () => setAsking(null),
  };
  return { mutation, notice, ask: setAsking, dialog };
}
